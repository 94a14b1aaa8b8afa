// Document: the tree of blocks a build makes and the layout engine reads; the contract between the two.
import Foundation
import PressKitModel

/// A stretch of text with one set of inline properties.
public struct TextRun: Hashable, Sendable {
    /// What a run holds: text, or a number known only once pages are counted.
    public enum Content: Hashable, Sendable { case text(String), pageNumber, pageCount }

    public var content: Content
    public var bold = false
    public var italic = false
    /// Target of a link (http, https, mailto or tel).
    public var link: String?
    /// The language of a passage in another language than its paragraph's (`[words]{lang=en}`): it is
    /// hyphenated and spaced by its own rules. Nil: the paragraph's language.
    public var language: String?
    /// The language of what the link points to (`[speech](https://…){hreflang=de}`), when it is said.
    public var linkLanguage: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, link: String? = nil) {
        self.content = .text(text); self.bold = bold; self.italic = italic; self.link = link
    }

    public init(_ content: Content) { self.content = content }

    /// The run's text, with page fields shown as `{page}` and `{pages}`.
    public var text: String {
        switch content {
        case .text(let s): return s
        case .pageNumber: return "{page}"
        case .pageCount: return "{pages}"
        }
    }
}
