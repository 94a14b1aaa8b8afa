import Foundation
import PressKitModel

/// A house-style hyphenation entry: "pré-si-dence" allows breaks only at its hyphens; "Numérique" forbids all.
public struct HyphenationException: Hashable, Sendable {
    /// The word, in lowercase, without its hyphens.
    public var word: String
    /// Where breaks are allowed, as character counts from the word's start.
    public var points: [Int]

    /// Reads an entry as the layout or the meeting file spells it.
    public init(_ entry: String) {
        var word = "", points: [Int] = []
        for c in entry {
            if c == "-" { if !word.isEmpty { points.append(word.count) } } else { word.append(c) }
        }
        self.word = word.lowercased(); self.points = points
    }
}
