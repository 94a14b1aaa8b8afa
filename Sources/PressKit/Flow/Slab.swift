import Foundation

/// An unbreakable horizontal slice of content (a line, an image, a row of columns): the unit pages are made of.
struct Slab {
    var height: Length
    /// Space above, dropped at the top of a page.
    var spaceBefore: Length
    /// No page break is allowed between this slab and the next (keeps, widows, orphans, headings).
    var keepWithNext = false
    /// A page break is forced before this slab.
    var breakBefore = false
    /// Items relative to the slab's top-left corner on the text area's left edge.
    var items: [FrameItem]
    /// Where the content came from, for messages.
    var origin: String
}

/// Why a layout could not be made.
public struct FlowError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
