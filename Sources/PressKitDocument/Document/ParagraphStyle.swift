import Foundation
import PressKitModel

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
    /// The colour of links' words (nil: the text's colour), and whether web links are underlined.
    public var linkColor: RGB?
    public var linkUnderline = true
    /// For a contents entry: dots leading from the end of its title to its page number.
    public var leaders = false
    /// Letter-spacing in ems (0.08 for labels and kickers in capitals): added after every letter.
    public var tracking = 0.0
    /// OpenType features beyond the defaults (kerning and standard ligatures are always on), e.g. "tnum".
    public var features = ""
    /// Small capitals: the font's own (smcp) where it has them, else Pango's emulation (reported).
    public var smallCaps = false

    public init() {}
}
