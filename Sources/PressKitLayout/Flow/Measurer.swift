import Foundation
import PressKitModel
import PressKitDocument

/// Turns blocks into slabs at a given width, setting the keep flags that express the page-break rules.
struct Measurer {
    let shaper: TextShaper
    /// Where structure element numbers come from: one source for a whole document.
    let ids: StructureIDs
    /// Whether the blocks are a running header or footer (their elements are marked as such).
    var running = false
    /// Page of each heading anchor, from the previous pass (for tables of contents).
    var pageOf: [String: Int] = [:]
    /// The space owed after the previous block; collapses with the next block's space before.
    private var pendingSpace = Length.zero
    private var pendingBreak = false

    init(shaper: TextShaper, ids: StructureIDs, pageOf: [String: Int] = [:], running: Bool = false) {
        self.shaper = shaper; self.ids = ids; self.pageOf = pageOf; self.running = running
    }

    mutating func slabs(_ blocks: [Block], width: Length) throws -> [Slab] {
        var out: [Slab] = []
        for block in blocks { out += try slabs(block, width: width) }
        return out
    }

    private mutating func start(_ slab: inout Slab, spaceBefore: Length) {
        slab.spaceBefore = max(pendingSpace, spaceBefore)
        slab.breakBefore = pendingBreak
        pendingSpace = .zero
        pendingBreak = false
    }

    mutating func slabs(_ block: Block, width: Length) throws -> [Slab] {
        switch block {
        case .paragraph(let p):
            return try paragraph(p, width: width, x: .zero)
        case .list(let items, let indent):
            var out: [Slab] = []
            let list = StructureNode(role: .list, id: ids.next())
            for (marker, p) in items {
                // The item holds a label (its marker) and a body (its text), each an element of its own.
                let item = StructureNode(role: .listItem, id: ids.next())
                var body = p
                body.role = .listBody
                var lines = try paragraph(body, width: width - indent, x: indent, parents: [list, item])
                var markerParagraph = p
                // A no-break space after the marker keeps it a word apart in the text layer ("– l’Australie").
                markerParagraph.runs = [TextRun(marker + "\u{00A0}", bold: p.runs.first?.bold ?? false)]
                markerParagraph.style.align = .left
                if let first = lines.first, let m = try shaper.lines(markerParagraph, width: indent).first,
                   case .line(_, let origin, let tag)? = first.items.first(where: { if case .line = $0 { return true }; return false }) {
                    let index = lines[0].items.firstIndex(where: { if case .line = $0 { return true }; return false }) ?? 0
                    var label = StructureTag(role: .label, id: ids.next(), language: tag.language, parents: [list, item])
                    label.running = running
                    lines[0].items.insert(.line(m, origin: Point(x: p.style.indent, y: origin.y), tag: label), at: index)
                }
                // A list is not split after its first item: keep the first item with the next line.
                if out.isEmpty, items.count > 1, !lines.isEmpty { lines[lines.count - 1].keepWithNext = true }
                out += lines
            }
            return out
        case .quote(let text, let attribution):
            var out = try paragraph(text, width: width, x: .zero)
            if let attribution { out += try paragraph(attribution, width: width, x: .zero) }
            for i in out.indices.dropLast() { out[i].keepWithNext = true }
            return out
        case .columns(let set):
            var items: [FrameItem] = []
            var height = Length.zero
            var x = Length.zero
            let shared = width - set.gutter * Double(max(0, set.columns.count - 1))
            for column in set.columns {
                let w = shared * column.fraction
                var inner = Measurer(shaper: shaper, ids: ids, pageOf: pageOf, running: running)
                var y = Length.zero
                // Mirrored, columns are placed from the right edge leftwards; their items stay in reading order.
                let left = set.mirrored ? width - x - w : x
                for (k, slab) in try inner.slabs(column.blocks, width: w).enumerated() {
                    if k > 0 { y += slab.spaceBefore }
                    items += slab.items.map { $0.offset(by: left, y) }
                    y += slab.height
                }
                height = max(height, y)
                x += w + set.gutter
            }
            var slab = Slab(height: height, spaceBefore: .zero, items: items, origin: "columns")
            start(&slab, spaceBefore: .zero)
            return [slab]
        case .image(let image):
            var w = image.height * (Double(image.pixelWidth) / Double(image.pixelHeight))
            var h = image.height
            let widest = min(width * image.maximumWidth, image.widest ?? width)
            if w > widest { h = h * (widest.pt / w.pt); w = widest }
            let x: Length = image.align == .right ? width - w : image.align == .center ? (width - w) * 0.5 : .zero
            var slab = Slab(height: h, spaceBefore: .zero, items: [.image(image, Rect(x: x, y: .zero, width: w, height: h))],
                            origin: image.description, mark: image.mark, field: image.field)
            start(&slab, spaceBefore: .zero)
            return [slab]
        case .rule(let rule):
            let w = min(rule.width ?? width * rule.fraction, width)
            var slab = Slab(height: rule.thickness, spaceBefore: .zero,
                            items: [.rule(Rect(x: .zero, y: .zero, width: w, height: rule.thickness), color: rule.color, source: rule.mark)], origin: "rule")
            start(&slab, spaceBefore: rule.spaceBefore)
            pendingSpace = rule.spaceAfter
            return [slab]
        case .spacer(let h):
            pendingSpace += h
            return []
        case .fill:
            var slab = Slab(height: .zero, spaceBefore: .zero, items: [], origin: "a flexible space")
            start(&slab, spaceBefore: .zero)
            slab.flexible = true
            // It stays with what follows: both go to the next page together rather than the space alone.
            slab.keep = .group
            return [slab]
        case .keepTogether(let inner):
            var out = try slabs(inner, width: width)
            for i in out.indices.dropLast() { out[i].keepWithNext = true }
            return out
        case .pageBreak:
            pendingBreak = true
            return []
        case .box(let box):
            // One unbreakable slab: the fill and the border (artifacts, drawn under the text), then the blocks.
            let bar = box.ruleLeft == nil ? Length.zero : box.thickness + max(box.padding, .pt(6))
            let inset = box.padding + (box.border == nil ? .zero : box.thickness)
            var inner = Measurer(shaper: shaper, ids: ids, pageOf: pageOf, running: running)
            var content: [FrameItem] = []
            var y = inset
            for (k, slab) in try inner.slabs(box.blocks, width: width - inset * 2 - bar).enumerated() {
                if k > 0 { y += slab.spaceBefore }
                content += slab.items.map { $0.offset(by: inset + bar, y) }
                y += slab.height
            }
            let height = y + inset
            var items: [FrameItem] = []
            if let fill = box.fill { items.append(.rule(Rect(x: .zero, y: .zero, width: width, height: height), color: fill, source: box.mark)) }
            if let c = box.border {
                let t = box.thickness
                for r in [Rect(x: .zero, y: .zero, width: width, height: t), Rect(x: .zero, y: height - t, width: width, height: t),
                          Rect(x: .zero, y: .zero, width: t, height: height), Rect(x: width - t, y: .zero, width: t, height: height)] {
                    items.append(.rule(r, color: c, source: box.mark))
                }
            }
            if let c = box.ruleLeft { items.append(.rule(Rect(x: .zero, y: .zero, width: box.thickness, height: height), color: c, source: box.mark)) }
            var slab = Slab(height: height, spaceBefore: .zero, items: items + content, origin: "box")
            start(&slab, spaceBefore: .zero)
            return [slab]
        case .tableOfContents(let entries):
            var out: [Slab] = []
            let numberWidth = Length.mm(12)
            // TOC > TOCI: each entry an item of the contents.
            let toc = StructureNode(role: .tableOfContents, id: ids.next())
            for (p, anchor, level) in entries {
                let indent = Length.mm(5) * Double(max(0, level - 1))
                var slabs = try paragraph(p, width: width - indent - numberWidth, x: indent, parents: [toc])
                for k in slabs.indices {
                    slabs[k].items = slabs[k].items.map { item in
                        guard case .line(var line, let origin, let tag) = item else { return item }
                        line.links.append((x: .zero, width: line.width, target: "#" + anchor))
                        return .line(line, origin: origin, tag: tag)
                    }
                }
                var number = p
                number.runs = [TextRun(pageOf[anchor].map(String.init) ?? "–")]
                number.style.align = .right
                if let last = slabs.indices.last, var line = try shaper.lines(number, width: numberWidth).first,
                   case .line(_, let origin, let tag)? = slabs[last].items.first(where: { if case .line = $0 { return true }; return false }) {
                    line.links.append((x: .zero, width: line.width, target: "#" + anchor))
                    let numberX = width - numberWidth + line.xOffset
                    if p.style.leaders { slabs[last].items += leaders(after: slabs[last].items, before: numberX, baseline: origin.y, style: p.style, source: p.mark) }
                    slabs[last].items.append(.line(line, origin: Point(x: numberX, y: origin.y), tag: tag))
                }
                out += slabs
            }
            return out
        case .table(let table):
            return try tableSlabs(table, width: width)
        case .floating(let figure):
            return try floating(figure, width: width)
        }
    }

    /// Dot leaders from the end of a contents entry's last line to its page number, as TeX's `\dotfill`:
    /// dots on a grid from the column's left edge, so the dots of every entry stand in the same columns.
    /// They are decoration (drawn as small squares, artifacts): the entry reads title, then number.
    func leaders(after items: [FrameItem], before numberX: Length, baseline: Length, style: ParagraphStyle, source: SourceMark?) -> [FrameItem] {
        let end = items.compactMap { item -> Length? in
            guard case .line(let line, let origin, _) = item else { return nil }
            return origin.x + line.width
        }.max() ?? .zero
        let step = style.size * 0.5, dot = style.size * 0.1, gap = style.size * 0.4
        var out: [FrameItem] = []
        var x = (((end + gap).pt / step.pt).rounded(.up)) * step.pt
        while x + dot.pt < (numberX - gap).pt {
            out.append(.rule(Rect(x: .pt(x), y: baseline - dot, width: dot, height: dot), color: style.color, source: source))
            x += step.pt
        }
        return out
    }

    /// A photo on one side of the column with its caption under it, and the paragraphs after it set beside
    /// it (their first lines narrowed, TeX's hanging indentation) until its foot, then at full width. The
    /// lines beside it stay on one page with it; when the text is shorter than the photo, space follows.
    mutating func floating(_ figure: FloatingFigure, width: Length) throws -> [Slab] {
        let gap = Length.mm(5)
        let w = width * figure.fraction
        var h = w * (Double(figure.image.pixelHeight) / Double(figure.image.pixelWidth))
        var iw = w
        if h > figure.image.height { iw = w * (figure.image.height.pt / h.pt); h = figure.image.height }
        let x: Length = figure.side == .right ? width - w : .zero
        var items: [FrameItem] = [.image(figure.image, Rect(x: x + (w - iw) * (figure.side == .right ? 1 : 0), y: .zero, width: iw, height: h))]
        var tall = h
        if let caption = figure.caption {
            tall += caption.style.spaceBefore
            var tag = StructureTag(role: caption.role, id: ids.next(), language: caption.language)
            tag.running = running
            for line in try shaper.lines(caption, width: w) {
                let baseline = (caption.style.leading - line.ascent - line.descent) * 0.5 + line.ascent
                items.append(.line(line, origin: Point(x: x + line.xOffset, y: tall + baseline), tag: tag))
                tall += caption.style.leading
            }
        }
        var out: [Slab] = []
        var remaining = tall + gap
        for block in figure.blocks {
            guard case .paragraph(var p) = block, remaining > .zero else { out += try slabs(block, width: width); continue }
            let before = max(pendingSpace, p.style.spaceBefore)
            if !out.isEmpty { remaining = remaining - before }
            let lines = max(1, Int((remaining.pt / p.style.leading.pt).rounded(.up)))
            p.hang = Hang(lines: lines, width: w + gap, side: figure.side)
            let set = try paragraph(p, width: width, x: .zero)
            remaining = remaining - p.style.leading * Double(set.count)
            out += set
            if remaining > .zero { remaining = remaining - p.style.spaceAfter }
        }
        // The text is shorter than the photo: the rest of its height follows as space.
        if remaining > .zero {
            var rest = Slab(height: remaining, spaceBefore: .zero, items: [], origin: figure.image.description, mark: figure.image.mark)
            start(&rest, spaceBefore: .zero)
            out.append(rest)
        }
        guard !out.isEmpty else { return [] }
        out[0].items = items + out[0].items
        // Everything beside the photo stays with it on its page.
        var covered = Length.zero
        for i in out.indices where covered < tall + gap {
            covered += out[i].height + (i > 0 ? out[i].spaceBefore : .zero)
            if i < out.count - 1 { out[i].keep = .lines }
        }
        return out
    }

    /// A table as one slab per row; body rows carry the header so a new page can repeat it.
    mutating func tableSlabs(_ table: Table, width: Length) throws -> [Slab] {
        let node = StructureNode(role: .table, id: ids.next())
        // Table > THead / TBody > TR > TH / TD: one table however many pages it spans.
        let head = StructureNode(role: .tableHead, id: ids.next()), body = StructureNode(role: .tableBody, id: ids.next())
        func row(_ cells: [Paragraph], header: Bool, striped: Bool = false) throws -> Slab {
            let tr = StructureNode(role: .tableRow, id: ids.next())
            var items: [FrameItem] = []
            var height = Length.zero
            var x = Length.zero
            var cellItems: [[FrameItem]] = []
            var tallest: (height: Length, cell: Paragraph?) = (.zero, nil)
            for (i, cell) in cells.enumerated() {
                let w = width * (i < table.columns.count ? table.columns[i] : 0)
                var tag = StructureTag(role: header ? .headerCell : .dataCell, id: ids.next(), language: cell.language, parents: [node, header ? head : body, tr])
                tag.running = running
                var y = table.padding
                var mine: [FrameItem] = []
                for line in try shaper.lines(cell, width: w - table.padding * 2) {
                    let baseline = (cell.style.leading - line.ascent - line.descent) * 0.5 + line.ascent
                    mine.append(.line(line, origin: Point(x: x + table.padding + line.xOffset, y: y + baseline), tag: tag))
                    y += cell.style.leading
                }
                height = max(height, y + table.padding)
                if y > tallest.height { tallest = (y, cell) }
                cellItems.append(mine)
                x += w
            }
            if header { items.append(.rule(Rect(x: .zero, y: .zero, width: width, height: height), color: table.headerFill, source: table.mark)) }
            if striped, let fill = table.stripeFill { items.append(.rule(Rect(x: .zero, y: .zero, width: width, height: height), color: fill, source: table.mark)) }
            for c in cellItems { items += c }
            items.append(.rule(Rect(x: .zero, y: height - .pt(0.5), width: width, height: .pt(0.5)), color: table.ruleColor, source: table.mark))
            return Slab(height: height, spaceBefore: .zero, items: items, origin: "a table row", mark: tallest.cell?.mark, field: tallest.cell?.field ?? "")
        }
        var header = try row(table.header, header: true)
        start(&header, spaceBefore: .mm(2))
        let repeated = TableHeader(slab: header)
        var out = [header]
        for (k, cells) in table.rows.enumerated() {
            var slab = try row(cells, header: false, striped: k % 2 == 1)
            slab.repeatHeader = repeated
            out.append(slab)
        }
        // The header stays with the first row; the rest may break between any two rows.
        if out.count > 1 { out[0].keep = .lines }
        pendingSpace = .mm(3)
        return out
    }

    /// The lines of a paragraph as slabs: the first two and the last two lines are kept together
    /// (no orphan, no widow), and a heading's last line is kept with what follows.
    mutating func paragraph(_ p: Paragraph, width: Length, x: Length, parents: [StructureNode] = []) throws -> [Slab] {
        let style = p.style
        var tag = StructureTag(role: p.role, id: ids.next(), language: p.language, parents: parents, anchor: p.anchor)
        tag.running = running
        let lines = try shaper.lines(p, width: width - style.indent)
        var out: [Slab] = []
        for line in lines {
            let halfLeading = (style.leading - line.ascent - line.descent) * 0.5
            let baseline = halfLeading + line.ascent
            var items: [FrameItem] = [.line(line, origin: Point(x: x + style.indent + line.xOffset, y: baseline), tag: tag)]
            if let bar = style.ruleLeft {
                items.insert(.rule(Rect(x: x + max(.zero, style.indent - .mm(4)), y: .zero, width: .pt(2), height: style.leading), color: bar, source: p.mark), at: 0)
            }
            out.append(Slab(height: style.leading, spaceBefore: .zero, items: items, origin: p.origin, mark: p.mark, field: p.field))
        }
        guard !out.isEmpty else { return [] }
        start(&out[0], spaceBefore: style.spaceBefore)
        pendingSpace = style.spaceAfter
        let n = out.count
        if n >= 2 { out[0].keep = .lines }
        if n >= 3 { out[n - 2].keep = .lines }
        if style.keepWithNext { out[n - 1].keep = .lines }
        return out
    }
}
