import Foundation

/// How a layout's justified text is set: the cost of a hyphen and how far letters may widen or narrow.
public struct Justification: Hashable, Sendable {
    /// The cost of ending a line with a hyphen (TeX's \\hyphenpenalty): higher, fewer hyphens.
    public var hyphenPenalty = 50.0
    /// How much a justified line's letters may widen or narrow, as a fraction (0.02: ±2 %, microtype's default).
    public var expansion = 0.02

    public init(hyphenPenalty: Double = 50, expansion: Double = 0.02) { self.hyphenPenalty = hyphenPenalty; self.expansion = expansion }
}
