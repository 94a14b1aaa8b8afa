import Foundation
import PressKitModel
import PressKitDocument

/// One line of a paragraph as set by a shaper: its size, where its links are, and the glyph runs to draw.
public struct ShapedLine: Sendable {
    /// Width of the line's content, and its offset from the paragraph's left edge (alignment).
    public var width: Length
    public var xOffset: Length
    /// Extent above and below the baseline.
    public var ascent: Length
    public var descent: Length
    /// The characters of the line, for tests and messages.
    public var text: String
    /// Link areas, as horizontal spans from the line's drawing origin.
    public var links: [(x: Length, width: Length, target: String)]
    /// What a renderer draws: runs of glyphs in their faces, placed from the line's drawing origin.
    public var runs: [GlyphRun]
    /// The colour of the text.
    public var color: RGB
    /// The colour of links' words (nil: `color`), and whether web links are underlined.
    public var linkColor: RGB?
    public var linkUnderline = true
    /// Whether its letters are spaced (tracking): each word is then given its text whole, so a reader does
    /// not take the gaps between its letters for spaces ("F I C H E").
    public var tracked = false
    /// The place in the user's files the line's text comes from.
    public var source: SourceMark?
    /// How much the line's spaces were stretched (> 0) or shrunk (< 0) relative to what they allow.
    public var ratio: Double = 0
    /// Whether the line ends with a hyphen the shaper added.
    public var hyphenated = false
    /// The width the line was set to (its column).
    public var measure: Length = .zero

    public init(width: Length, xOffset: Length = .zero, ascent: Length, descent: Length, text: String,
                links: [(x: Length, width: Length, target: String)] = [], runs: [GlyphRun] = [], color: RGB = .black,
                source: SourceMark? = nil) {
        self.width = width; self.xOffset = xOffset; self.ascent = ascent; self.descent = descent
        self.text = text; self.links = links; self.runs = runs; self.color = color; self.source = source
    }
}

/// Sets paragraphs into lines of a given width. Layout tests use a fixed-advance shaper; builds use Pango.
public protocol TextShaper {
    /// The lines of `paragraph` set in `width`; never wider than `width` (long words are broken).
    func lines(_ paragraph: Paragraph, width: Length) throws -> [ShapedLine]
}

/// A shaper for tests: every character is half the font size wide, lines break at spaces, greedily.
public struct FixedAdvanceShaper: TextShaper {
    public init() {}

    public func lines(_ paragraph: Paragraph, width: Length) throws -> [ShapedLine] {
        let advance = paragraph.style.size.pt * 0.5
        let perLine = max(1, Int(width.pt / advance))
        var lines: [String] = []
        var current = ""
        for word in paragraph.text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while word.count > perLine {  // an unbreakable word wider than the column: break it anywhere
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(perLine))); word = String(word.dropFirst(perLine))
            }
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count <= perLine { current = candidate } else { lines.append(current); current = word }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map {
            var line = ShapedLine(width: .pt(Double($0.count) * advance), ascent: paragraph.style.size * 0.8,
                                  descent: paragraph.style.size * 0.2, text: $0, color: paragraph.style.color, source: paragraph.mark)
            line.measure = width
            return line
        }
    }
}
