import Foundation

/// The structure element a drawn line belongs to, for the tagged PDF.
public struct StructureTag: Hashable, Sendable {
    /// PDF structure role: P, H1, LI, BlockQuote…
    public var role: String
    /// Identifies the paragraph, so its lines share one element.
    public var id: Int
    public var language: String
}

/// Something placed on a page, in page coordinates (points from the top-left corner).
public enum FrameItem: @unchecked Sendable {
    /// A line of text with its baseline starting at `origin`.
    case line(ShapedLine, origin: Point, tag: StructureTag)
    case rule(Rect, color: RGB)
    case image(ImageBlock, Rect)

    /// The rectangle the item covers on the page.
    public var bounds: Rect {
        switch self {
        case .line(let l, let o, _):
            return Rect(x: o.x, y: o.y - l.ascent, width: l.width, height: l.ascent + l.descent)
        case .rule(let r, _), .image(_, let r): return r
        }
    }

    func offset(by dx: Length, _ dy: Length) -> FrameItem {
        switch self {
        case .line(let l, let o, let t): return .line(l, origin: Point(x: o.x + dx, y: o.y + dy), tag: t)
        case .rule(let r, let c): return .rule(Rect(x: r.minX + dx, y: r.minY + dy, width: r.size.width, height: r.size.height), color: c)
        case .image(let i, let r): return .image(i, Rect(x: r.minX + dx, y: r.minY + dy, width: r.size.width, height: r.size.height))
        }
    }
}

/// One finished page: its items, in drawing order.
public struct Page: Sendable {
    public var number: Int
    public var items: [FrameItem]
}

/// A document laid out into pages, ready for a renderer.
public struct PagedDocument: Sendable {
    public var info: DocumentInfo
    public var template: PageTemplate
    public var pages: [Page]
    /// Page-level rules that could not all hold, and what was given up, in the order they were relaxed.
    public var relaxed: [String] = []
}
