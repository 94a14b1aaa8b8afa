// Flow: the layout engine. Turns a Document's blocks into pages of positioned frames. Knows nothing of meetings.
import Foundation
import PressKitModel
import PressKitDocument

/// A structure element that contains others (a list, a table, a row), for the tagged PDF.
public struct StructureNode: Hashable, Sendable {
    /// PDF structure role: L, Table, TR…
    public var role: StructureRole
    public var id: Int
    public init(role: StructureRole, id: Int) { self.role = role; self.id = id }
}

/// The structure element a drawn line belongs to, for the tagged PDF.
public struct StructureTag: Hashable, Sendable {
    /// PDF structure role: P, H1, LI, TD, BlockQuote…
    public var role: StructureRole
    /// Identifies the paragraph, so its lines share one element.
    public var id: Int
    public var language: String
    /// The elements it sits in, outermost first (L for a list item; Table, TR for a cell).
    public var parents: [StructureNode] = []
    /// For a heading: the name its outline entry and table-of-contents links point to.
    public var anchor: String?
    /// Whether the line is pagination, repeated from page to page: a running header or footer, a page
    /// number, a table's header row repeated on a new page (an artifact in the tagged PDF).
    public var running = false

    public init(role: StructureRole, id: Int, language: String, parents: [StructureNode] = [], anchor: String? = nil) {
        self.role = role; self.id = id; self.language = language; self.parents = parents; self.anchor = anchor
    }

    /// The chain of elements from the outermost parent to this one.
    package var path: [StructureNode] { parents + [StructureNode(role: role, id: id)] }
}

/// Something placed on a page, in page coordinates (points from the top-left corner), with the place in the
/// user's files it comes from. Backends read only these: glyph runs, filled rectangles, images, links, tags.
public enum FrameItem: Sendable {
    /// A line of text with its baseline starting at `origin`.
    case line(ShapedLine, origin: Point, tag: StructureTag)
    /// A filled rectangle: a rule, a table's header fill, a quotation's bar.
    case rule(Rect, color: RGB, source: SourceMark?)
    case image(ImageBlock, Rect)

    /// The rectangle the item covers on the page.
    public var bounds: Rect {
        switch self {
        case .line(let l, let o, _):
            return Rect(x: o.x, y: o.y - l.ascent, width: l.width, height: l.ascent + l.descent)
        case .rule(let r, _, _), .image(_, let r): return r
        }
    }

    /// The place in the user's files the item comes from, when it comes from one.
    public var source: SourceMark? {
        switch self {
        case .line(let l, _, _): return l.source
        case .rule(_, _, let source): return source
        case .image(let image, _): return image.mark
        }
    }

    func offset(by dx: Length, _ dy: Length) -> FrameItem {
        switch self {
        case .line(let l, let o, let t): return .line(l, origin: Point(x: o.x + dx, y: o.y + dy), tag: t)
        case .rule(let r, let c, let s):
            return .rule(Rect(x: r.minX + dx, y: r.minY + dy, width: r.size.width, height: r.size.height), color: c, source: s)
        case .image(let i, let r): return .image(i, Rect(x: r.minX + dx, y: r.minY + dy, width: r.size.width, height: r.size.height))
        }
    }
}

/// One finished page: its items, in drawing order.
public struct Page: Sendable {
    public var number: Int
    public var items: [FrameItem]
    /// The height of the text area its content takes, a flexible space counted as none.
    public var used: Length = .zero
}

/// A document laid out into pages, ready for a renderer.
public struct PagedDocument: Sendable {
    public var info: DocumentInfo
    public var template: PageTemplate
    public var pages: [Page]
    /// Where each heading landed: anchor → page number and the top of its first line.
    public var anchors: [String: (page: Int, y: Length)] = [:]
    /// The headings in reading order, for the PDF outline.
    public var outline: [OutlineEntry] = []
    /// The label shown for each page by PDF viewers ("Couverture", "2", "3"…).
    public var pageLabels: [String] = []
    /// The line drawn diagonally across every page of a draft.
    public var watermark: ShapedLine?
    /// Page-level rules that could not all hold, and what was given up, in the order they were relaxed.
    public var relaxed: [String] = []
}
