import Foundation
import PressKitModel
import PressKitDocument

/// An unbreakable horizontal slice of content (a line, an image, a row of columns): the unit pages are made of.
struct Slab {
    var height: Length
    /// Space above, dropped at the top of a page.
    var spaceBefore: Length
    /// Whether, and how firmly, this slab stays on the page of the next one.
    var keep = Keep.none
    /// No page break is allowed between this slab and the next (keeps, widows, orphans, headings).
    var keepWithNext: Bool {
        get { keep != .none }
        set { keep = newValue ? max(keep, .group) : .none }
    }
    /// A page break is forced before this slab.
    var breakBefore = false
    /// Items relative to the slab's top-left corner on the text area's left edge.
    var items: [FrameItem]
    /// Where the content came from, for messages.
    var origin: String
    /// The place in the user's files that made it (the data field, else the layout), and its field path.
    var mark: SourceMark?
    var field = ""
    /// For a table's body row: the header row to repeat when the row starts a page.
    var repeatHeader: TableHeader?
    /// Reading order of each item on its page, when it differs from placing order (side-by-side columns:
    /// a pair's left block is read before its right one, though their lines are placed row by row).
    var readingKeys: [Int]?
    /// A space that takes what is left of its page (`spacer: fill`): what follows it on the page stands at
    /// the page's foot.
    var flexible = false
}

/// A table's header row, shared by its body rows so a page that starts inside the table repeats it.
final class TableHeader {
    let slab: Slab
    init(slab: Slab) { self.slab = slab }
}

/// Why a slab stays with the next one, in the order rules are given up when they cannot all hold:
/// a kept group (contact block, quote, a list's first item) is split first; lines of a paragraph
/// (widows, orphans) and a heading with its text are parted last.
enum Keep: Int, Comparable {
    case none = 0, group = 1, lines = 2
    static func < (a: Keep, b: Keep) -> Bool { a.rawValue < b.rawValue }
}

extension Slab {
    /// Slabs stacked into one, their spaces between them kept: a block that must stay whole (a quote with
    /// its bar and attribution beside its translation). Nil for no slabs.
    static func stacked(_ slabs: [Slab]) -> Slab? {
        guard var whole = slabs.first else { return nil }
        var y = whole.height
        for slab in slabs.dropFirst() {
            y += slab.spaceBefore
            whole.items += slab.items.map { $0.offset(by: .zero, y) }
            y += slab.height
        }
        whole.height = y
        whole.keep = slabs[slabs.count - 1].keep
        return whole
    }
}
