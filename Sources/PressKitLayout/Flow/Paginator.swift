import Foundation
import PressKitModel
import PressKitDocument

/// Flows a Document's blocks into pages: measures them into slabs, breaks pages where the keep rules
/// allow (no widow, no orphan, headings with what follows, kept groups whole), then sets the footers.
public struct Paginator {
    let shaper: TextShaper
    /// Largest number of pages one document may have: a layout that would run past it is an error.
    public var maximumPages = 2000

    public init(shaper: TextShaper) { self.shaper = shaper }

    /// How pages are numbered in headers and footers: from 1 by default, or continuing another part.
    public struct Numbering: Sendable {
        /// Added to each page's number (pages before this part).
        public var offset = 0
        /// The count shown as "of N"; this part's page count when nil.
        public var total: Int?
        public init(offset: Int = 0, total: Int? = nil) { self.offset = offset; self.total = total }
    }

    /// The document set into pages with running header and footer; throws when a block can never fit
    /// or pages run away. A table of contents needs the pages of the headings: the document is laid out
    /// again with the numbers of the previous pass until they no longer change (two passes, at most three).
    /// `ids` numbers the structure elements; a part of a longer PDF shares the whole PDF's.
    public func layout(_ document: Document, numbering: Numbering = Numbering(), ids: StructureIDs = StructureIDs()) throws -> PagedDocument {
        let width = document.page.textArea.size.width
        return try compose(document, numbering: numbering, slabs: { pageOf in
            var measurer = Measurer(shaper: shaper, ids: ids, pageOf: pageOf.mapValues { $0 + numbering.offset })
            return try measurer.slabs(document.blocks, width: width)
        }, margin: { header, page, total in
            var measurer = Measurer(shaper: shaper, ids: ids, running: true)
            return try measurer.slabs(Self.numbered(header ? document.header : document.footer, page: page, of: total), width: width)
        })
    }

    /// The shared work of laying out: passes for the contents, pagination, headers and footers, labels.
    /// `margin(header, page, total)` gives the slabs of the running header (or footer) of a page.
    func compose(_ document: Document, numbering: Numbering, slabs makeSlabs: ([String: Int]) throws -> [Slab],
                 margin: (Bool, Int, Int) throws -> [Slab]) throws -> PagedDocument {
        let area = document.page.textArea
        var pageOf: [String: Int] = [:]
        var relaxed: [String] = []
        var anchors: [String: (page: Int, y: Length)] = [:]
        var pages: [Page] = []
        let hasContents = document.blocks.contains { if case .tableOfContents = $0 { return true }; return false }
        for _ in 0..<(hasContents ? 3 : 1) {
            let slabs = try makeSlabs(pageOf)
            relaxed = []
            anchors = [:]
            pages = try paginate(slabs, area: area, source: document.source ?? .file(document.info.title), relaxed: &relaxed, anchors: &anchors)
            let found = anchors.mapValues(\.page)
            if found == pageOf { break }
            pageOf = found
        }
        let plain = document.page.plainFirstPage
        let total = numbering.total ?? pages.count
        for i in pages.indices where !(plain && i == 0) {
            let number = i + 1 + numbering.offset
            let head = try margin(true, number, total)
            var y = area.minY - document.page.headerGap - head.reduce(Length.zero) { $0 + $1.height }
            for slab in head {
                pages[i].items += slab.items.map { $0.offset(by: area.minX, y) }
                y += slab.height
            }
            y = area.maxY + document.page.footerGap
            for slab in try margin(false, number, total) {
                y += slab.spaceBefore
                pages[i].items += slab.items.map { $0.offset(by: area.minX, y) }
                y += slab.height
            }
        }
        var paged = PagedDocument(info: document.info, template: document.page, pages: pages, relaxed: relaxed)
        paged.watermark = try document.watermark.flatMap { try shaper.lines($0, width: document.page.size.width * 2).first }
        paged.anchors = anchors
        paged.outline = document.outline.filter { anchors[$0.anchor] != nil }
        paged.pageLabels = pages.indices.map {
            plain && $0 == 0 && !document.page.firstPageLabel.isEmpty ? document.page.firstPageLabel : String($0 + 1 + numbering.offset)
        }
        return paged
    }

    /// `source` is where a problem with no finer place is reported (the layout file).
    func paginate(_ slabs: [Slab], area: Rect, source: SourceMark, relaxed: inout [String],
                  anchors: inout [String: (page: Int, y: Length)]) throws -> [Page] {
        var pages: [Page] = []
        var items: [FrameItem] = []
        var keys: [Int] = []
        var y = Length.zero
        var empty = true
        var placing = Slab(height: .zero, spaceBefore: .zero, items: [], origin: "the first block")
        /// The page's items in reading order: side by side, the left column's (even keys) whole, then the
        /// right column's (odd keys), as the structure tree reads each language whole.
        func ordered() -> [FrameItem] {
            guard keys.contains(where: { $0 != 0 }) else { return items }
            return zip(keys, items).enumerated().sorted {
                ($0.element.0 & 1, $0.element.0, $0.offset) < ($1.element.0 & 1, $1.element.0, $1.offset)
            }.map(\.element.1)
        }
        /// Where a flexible space stands on the page being filled (its first item after it), and the anchors placed
        /// after it: what moves down when the page is finished.
        var fill: (item: Int, anchors: [String])?
        /// Moves what follows a flexible space down by what the page has left, so it stands at the foot.
        func stretch() {
            guard let f = fill else { return }
            fill = nil
            let left = area.size.height - y
            guard left > .zero else { return }
            for k in f.item..<items.count { items[k] = items[k].offset(by: .zero, left) }
            for name in f.anchors { if let a = anchors[name] { anchors[name] = (a.page, a.y + left) } }
        }
        func newPage() throws {
            let used = y
            stretch()
            pages.append(Page(number: pages.count + 1, items: ordered(), used: used))
            keys = []
            guard pages.count < maximumPages else {
                throw DiagnosticError(Diagnostic(at: placing.mark ?? source, path: placing.field,
                                                 "the document runs past \(maximumPages) pages while placing \(placing.origin)",
                                                 hint: "is a block repeated without end, or a list far longer than meant?"))
            }
            items = []; y = .zero; empty = true
        }
        func place(_ slab: Slab) {
            placing = slab
            // A table row that starts a page brings its table's header row with it.
            if empty, let header = slab.repeatHeader {
                // Repeated, the header row is pagination: drawn as an artifact, not a second header.
                items += header.slab.items.map { item -> FrameItem in
                    guard case .line(let line, let origin, var tag) = item else { return item }
                    tag.running = true
                    return .line(line, origin: origin, tag: tag)
                }.map { $0.offset(by: area.minX, area.minY + y) }
                keys += header.slab.readingKeys ?? Array(repeating: slab.readingKeys?.first ?? 0, count: header.slab.items.count)
                y += header.slab.height
            }
            if !empty { y += slab.spaceBefore }
            if slab.flexible, fill == nil { fill = (items.count, []) }
            for case .line(let line, let origin, let tag) in slab.items {
                if let anchor = tag.anchor, anchors[anchor] == nil {
                    anchors[anchor] = (pages.count + 1, area.minY + y + origin.y - line.ascent)
                    fill?.anchors.append(anchor)
                }
            }
            items += slab.items.map { $0.offset(by: area.minX, area.minY + y) }
            keys += slab.readingKeys ?? Array(repeating: 0, count: slab.items.count)
            y += slab.height
            empty = false
        }
        func height(_ range: ClosedRange<Int>, atTop: Bool) -> Length {
            var h = Length.zero
            for k in range { h += slabs[k].height; if k != range.lowerBound || !atTop { h += slabs[k].spaceBefore } }
            return h
        }
        let limit = area.size.height + .pt(0.01)
        /// Places slabs `range` on one page if they fit; otherwise gives up the weakest keeps inside the
        /// range, in order (kept groups, then lines of paragraphs), and says which.
        func placeChain(_ range: ClosedRange<Int>, relaxing level: Keep = .none) throws {
            if y + height(range, atTop: empty) <= limit {
                for k in range { place(slabs[k]) }
                return
            }
            if !empty, height(range, atTop: true) <= limit {
                try newPage()
                for k in range { place(slabs[k]) }
                return
            }
            guard let next = [Keep.group, .lines].first(where: { $0 > level }) else {
                for k in range {
                    if !empty, y + slabs[k].spaceBefore + slabs[k].height > limit { try newPage() }
                    place(slabs[k])
                }
                return
            }
            if range.dropLast().contains(where: { slabs[$0].keep == next }) {
                relaxed.append("page \(pages.count + 1): \(slabs[range.lowerBound].origin): "
                               + (next == .group ? "a block kept together is taller than a page and was split"
                                                 : "a paragraph taller than a page was split without widow and orphan control"))
            }
            // Sub-chains still bound by keeps stronger than `next`.
            var start = range.lowerBound
            for k in range {
                if k == range.upperBound || slabs[k].keep <= next {
                    try placeChain(start...k, relaxing: next)
                    start = k + 1
                }
            }
        }
        if let tall = slabs.first(where: { $0.height > limit }) {
            throw DiagnosticError(Diagnostic(at: tall.mark ?? source, path: tall.field,
                                             "\(tall.origin) is \(Int(tall.height.mm.rounded())) mm tall, taller than the text area (\(Int(area.size.height.mm)) mm): it cannot fit on a page",
                                             hint: "shorten this text, or split it into several entries"))
        }
        var i = 0
        while i < slabs.count {
            var j = i
            while j < slabs.count - 1, slabs[j].keepWithNext, !slabs[j + 1].breakBefore { j += 1 }
            if slabs[i].breakBefore, !empty { try newPage() }
            try placeChain(i...j)
            i = j + 1
        }
        let used = y
        stretch()
        if !empty || pages.isEmpty { pages.append(Page(number: pages.count + 1, items: ordered(), used: used)) }
        return pages
    }

    /// The footer blocks with their page fields replaced by numbers.
    static func numbered(_ blocks: [Block], page: Int, of count: Int) -> [Block] {
        func fill(_ p: Paragraph) -> Paragraph {
            var p = p
            p.runs = p.runs.map { run in
                var r = run
                switch run.content {
                case .pageNumber: r.content = .text(String(page))
                case .pageCount: r.content = .text(String(count))
                case .text: break
                }
                return r
            }
            return p
        }
        return blocks.map { block in
            switch block {
            case .paragraph(let p): return .paragraph(fill(p))
            case .columns(let set): return .columns(set.mapBlocks { numbered($0, page: page, of: count) })
            case .keepTogether(let inner): return .keepTogether(numbered(inner, page: page, of: count))
            case .box(var box): box.blocks = numbered(box.blocks, page: page, of: count); return .box(box)
            default: return block
            }
        }
    }
}
