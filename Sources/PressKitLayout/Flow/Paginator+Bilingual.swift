import Foundation
import PressKitModel
import PressKitDocument

extension Paginator {
    /// Two language versions of one document side by side: the left (source) language in the left column,
    /// the other in the right, each pair of blocks starting at the same height. Pairs are set row by row,
    /// so when one side is longer the other waits, across page breaks too. Each page is drawn (and read) left
    /// column first, then right, matching the structure tree's one section per language.
    public func layoutSideBySide(_ left: Document, _ right: Document, gutter: Length = .mm(6)) throws -> PagedDocument {
        let area = left.page.textArea
        let half = (area.size.width - gutter) * 0.5
        let shift = half + gutter
        let right = right.prefixingAnchors(right.info.language + "-")
        var document = left
        document.info.title = left.info.title + " / " + right.info.title
        let ids = StructureIDs()
        return try compose(document, numbering: Numbering(), slabs: { pageOf in
            var l = Measurer(shaper: shaper, ids: ids, pageOf: pageOf)
            var r = Measurer(shaper: shaper, ids: ids, pageOf: pageOf)
            var out: [Slab] = []
            for (i, (lb, rb)) in Self.pairs(left.blocks, right.blocks).enumerated() {
                var ls = try lb.map { try l.slabs($0, width: half) } ?? []
                var rs = try rb.map { try r.slabs($0, width: half) } ?? []
                // A quote stays whole beside its translation, bar and attribution with it: one row each,
                // the shorter side waiting. Other blocks pair line by line.
                if Self.staysWhole(lb) || Self.staysWhole(rb) {
                    ls = Slab.stacked(ls).map { [$0] } ?? []
                    rs = Slab.stacked(rs).map { [$0] } ?? []
                }
                out += Self.pair(ls, rs, shift: shift, key: 2 * i + 2)
            }
            return out
        }, margin: { header, page, total in
            var l = Measurer(shaper: shaper, ids: ids, running: true)
            var r = Measurer(shaper: shaper, ids: ids, running: true)
            let lb = Self.numbered(header ? left.header : left.footer, page: page, of: total)
            let rb = Self.numbered(header ? right.header : right.footer, page: page, of: total)
            return Self.pair(try l.slabs(lb, width: half), try r.slabs(rb, width: half), shift: shift, key: 0)
        })
    }

    /// Whether a block is set whole beside its translation rather than line by line.
    static func staysWhole(_ block: Block?) -> Bool {
        switch block {
        case .quote?, .keepTogether?: return true
        default: return false
        }
    }

    /// The blocks of both sides, paired in order; the items of two lists of the same length pair one by one,
    /// so each item starts level with its translation.
    static func pairs(_ left: [Block], _ right: [Block]) -> [(Block?, Block?)] {
        var out: [(Block?, Block?)] = []
        for i in 0..<max(left.count, right.count) {
            let a = i < left.count ? left[i] : nil, b = i < right.count ? right[i] : nil
            if case .list(let li, let lIndent)? = a, case .list(let ri, let rIndent)? = b, li.count == ri.count {
                for (x, y) in zip(li, ri) { out.append((.list(items: [x], indent: lIndent), .list(items: [y], indent: rIndent))) }
            } else if case .tableOfContents(let le)? = a, case .tableOfContents(let re)? = b, le.count == re.count {
                for (x, y) in zip(le, re) { out.append((.tableOfContents(entries: [x]), .tableOfContents(entries: [y]))) }
            } else {
                out.append((a, b))
            }
        }
        return out
    }

    /// Row k of the pair holds line (or row) k of each side; the row is as tall as its taller side and keeps
    /// the stronger of the two sides' keep rules.
    static func pair(_ l: [Slab], _ r: [Slab], shift: Length, key: Int) -> [Slab] {
        var out: [Slab] = []
        for k in 0..<max(l.count, r.count) {
            let a = k < l.count ? l[k] : nil, b = k < r.count ? r[k] : nil
            var slab = Slab(height: max(a?.height ?? .zero, b?.height ?? .zero),
                            spaceBefore: max(a?.spaceBefore ?? .zero, b?.spaceBefore ?? .zero), items: [],
                            origin: a?.origin ?? b?.origin ?? "")
            slab.keep = max(a?.keep ?? .none, b?.keep ?? .none)
            slab.breakBefore = (a?.breakBefore ?? false) || (b?.breakBefore ?? false)
            let right = (b?.items ?? []).map { $0.offset(by: shift, .zero) }
            slab.items = (a?.items ?? []) + right
            slab.readingKeys = Array(repeating: key, count: a?.items.count ?? 0) + Array(repeating: key + 1, count: right.count)
            if a?.repeatHeader != nil || b?.repeatHeader != nil,
               let header = pair(a?.repeatHeader.map { [$0.slab] } ?? [], b?.repeatHeader.map { [$0.slab] } ?? [], shift: shift, key: key).first {
                slab.repeatHeader = TableHeader(slab: header)
            }
            out.append(slab)
        }
        return out
    }

    /// Two language versions one after the other in one PDF: each part keeps its own contents and outline
    /// branch; page numbers run on through both parts or restart, as `continuous` says.
    public func layoutSequential(_ parts: [Document], continuous: Bool, partTitles: [String]) throws -> PagedDocument {
        let prefixed = parts.map { $0.prefixingAnchors($0.info.language + "-") }
        // One source of element numbers for every part, so none is mistaken for another's.
        let ids = StructureIDs()
        var laid = try prefixed.map { try layout($0, ids: ids) }
        if continuous {
            let total = laid.reduce(0) { $0 + $1.pages.count }
            var offset = 0
            for i in prefixed.indices {
                laid[i] = try layout(prefixed[i], numbering: Numbering(offset: offset, total: total), ids: ids)
                offset += laid[i].pages.count
            }
        }
        var merged = laid[0]
        merged.info.title = parts.map(\.info.title).joined(separator: " / ")
        merged.pages = []
        merged.anchors = [:]
        merged.outline = []
        merged.pageLabels = []
        merged.relaxed = []
        merged.watermark = laid[0].watermark
        for (i, part) in laid.enumerated() {
            let offset = merged.pages.count
            var pages = part.pages
            // The part's own bookmark points at its first line.
            let anchor = "part-\(parts[i].info.language)"
            if let first = pages.first?.items.firstIndex(where: { if case .line = $0 { return true }; return false }),
               case .line(let line, let origin, var tag) = pages[0].items[first] {
                let existing = tag.anchor
                if existing == nil { tag.anchor = anchor; pages[0].items[first] = .line(line, origin: origin, tag: tag) }
                merged.anchors[existing ?? anchor] = (offset + 1, origin.y - line.ascent)
                merged.outline.append(OutlineEntry(anchor: existing ?? anchor, level: 1, title: partTitles[i]))
            }
            for p in pages { merged.pages.append(Page(number: offset + p.number, items: p.items, used: p.used)) }
            for (name, place) in part.anchors { merged.anchors[name] = (place.page + offset, place.y) }
            merged.outline += part.outline.map { OutlineEntry(anchor: $0.anchor, level: $0.level + 1, title: $0.title) }
            merged.pageLabels += part.pageLabels
            merged.relaxed += part.relaxed
        }
        return merged
    }
}

extension Document {
    /// The document with every heading anchor (and the contents' links to them) given a prefix, so two
    /// language versions can share one PDF.
    public func prefixingAnchors(_ prefix: String) -> Document {
        func rename(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .paragraph(var p):
                    p.anchor = p.anchor.map { prefix + $0 }
                    return .paragraph(p)
                case .tableOfContents(let entries):
                    return .tableOfContents(entries: entries.map { ($0.paragraph, prefix + $0.anchor, $0.level) })
                case .keepTogether(let inner): return .keepTogether(rename(inner))
                case .box(var box): box.blocks = rename(box.blocks); return .box(box)
                case .floating(var f): f.blocks = rename(f.blocks); return .floating(f)
                case .columns(let set): return .columns(set.mapBlocks(rename))
                default: return block
                }
            }
        }
        var copy = self
        copy.blocks = rename(blocks)
        copy.outline = outline.map { OutlineEntry(anchor: prefix + $0.anchor, level: $0.level, title: $0.title) }
        return copy
    }
}
