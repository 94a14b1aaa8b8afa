import Foundation
import PressKitModel

/// The standard structure types of a tagged PDF that presskit writes (ISO 32000-1, 14.8.4), so a role is
/// chosen from this list, never spelt as a string.
public enum StructureRole: String, Sendable, Hashable {
    case document = "Document"
    case paragraph = "P"
    case heading1 = "H1", heading2 = "H2", heading3 = "H3"
    case list = "L", listItem = "LI", label = "Lbl", listBody = "LBody"
    case table = "Table", tableHead = "THead", tableBody = "TBody", tableRow = "TR", headerCell = "TH", dataCell = "TD"
    case tableOfContents = "TOC", contentsEntry = "TOCI"
    case blockQuote = "BlockQuote"
    case figure = "Figure", caption = "Caption"
    case link = "Link"
    case span = "Span"
    /// Not part of the document's content (a watermark): drawn outside the structure tree.
    case artifact = "Artifact"

    /// The heading of outline level `level` (1 to 3).
    public static func heading(_ level: Int) -> StructureRole {
        level <= 1 ? .heading1 : level == 2 ? .heading2 : .heading3
    }

    /// Whether the role is a heading.
    public var isHeading: Bool { self == .heading1 || self == .heading2 || self == .heading3 }
}
