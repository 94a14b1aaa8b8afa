import Foundation

/// A colour as red, green, blue components in 0…1.
public struct RGB: Hashable, Sendable {
    public var red: Double, green: Double, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
    /// Parses `#RRGGBB`.
    public init?(hex: String) {
        guard hex.hasPrefix("#"), hex.count == 7, let v = Int(hex.dropFirst(), radix: 16) else { return nil }
        self.init(red: Double((v >> 16) & 255) / 255, green: Double((v >> 8) & 255) / 255, blue: Double(v & 255) / 255)
    }
    public static let black = RGB(red: 0, green: 0, blue: 0)
}

/// How lines sit between the paragraph's edges.
public enum Alignment: String, Sendable, CaseIterable { case left, right, center, justify }

/// The weights the shipped fonts provide.
public enum FontWeight: String, Sendable, CaseIterable { case regular, semibold, bold }

/// Whether a style's text is set in capitals.
public enum TextTransform: String, Sendable, CaseIterable { case uppercase, none }

/// Page numbers when two language versions follow each other in one PDF.
public enum BilingualNumbering: String, Sendable, CaseIterable { case continuous, restart }

/// Everything the layout engine needs to set one paragraph.
public struct ParagraphStyle: Hashable, Sendable {
    public var font = "Inter"
    public var size = Length.pt(10)
    public var leading = Length.pt(13)
    public var weight = FontWeight.regular
    public var italic = false
    public var color = RGB.black
    public var align = Alignment.left
    public var spaceBefore = Length.zero
    public var spaceAfter = Length.zero
    public var indent = Length.zero
    public var keepWithNext = false
    /// Colour of a bar drawn left of the text, as for a quotation.
    public var ruleLeft: RGB?
    /// OpenType features beyond the defaults (kerning and standard ligatures are always on), e.g. "tnum".
    public var features = ""
    /// Small capitals: the font's own (smcp) where it has them, else Pango's emulation (reported).
    public var smallCaps = false

    public init() {}
}
