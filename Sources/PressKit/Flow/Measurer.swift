import Foundation

/// Turns blocks into slabs at a given width, setting the keep flags that express the page-break rules.
struct Measurer {
    let shaper: TextShaper
    var nextTag = 1
    /// The space owed after the previous block; collapses with the next block's space before.
    private var pendingSpace = Length.zero
    private var pendingBreak = false

    init(shaper: TextShaper, nextTag: Int = 1) { self.shaper = shaper; self.nextTag = nextTag }

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
            for (marker, p) in items {
                var lines = try paragraph(p, width: width - indent, x: indent)
                var markerParagraph = p
                // A no-break space after the marker keeps it a word apart in the text layer ("– l’Australie").
                markerParagraph.runs = [TextRun(marker + "\u{00A0}", bold: p.runs.first?.bold ?? false)]
                markerParagraph.style.align = .left
                if let first = lines.first, let m = try shaper.lines(markerParagraph, width: indent).first,
                   case .line(_, let origin, let tag)? = first.items.first(where: { if case .line = $0 { return true }; return false }) {
                    let index = lines[0].items.firstIndex(where: { if case .line = $0 { return true }; return false }) ?? 0
                    lines[0].items.insert(.line(m, origin: Point(x: .zero, y: origin.y), tag: tag), at: index)
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
        case .columns(let columns):
            var items: [FrameItem] = []
            var height = Length.zero
            var x = Length.zero
            for column in columns {
                let w = width * column.fraction
                var inner = Measurer(shaper: shaper, nextTag: nextTag)
                var y = Length.zero
                for (k, slab) in try inner.slabs(column.blocks, width: w).enumerated() {
                    if k > 0 { y += slab.spaceBefore }
                    items += slab.items.map { $0.offset(by: x, y) }
                    y += slab.height
                }
                nextTag = inner.nextTag
                height = max(height, y)
                x += w
            }
            var slab = Slab(height: height, spaceBefore: .zero, items: items, origin: "columns")
            start(&slab, spaceBefore: .zero)
            return [slab]
        case .image(let image):
            var w = image.height * (Double(image.pixelWidth) / Double(image.pixelHeight))
            var h = image.height
            if w > width { h = h * (width.pt / w.pt); w = width }
            let x: Length = image.align == .right ? width - w : image.align == .center ? (width - w) * 0.5 : .zero
            var slab = Slab(height: h, spaceBefore: .zero, items: [.image(image, Rect(x: x, y: .zero, width: w, height: h))],
                            origin: image.description)
            start(&slab, spaceBefore: .zero)
            return [slab]
        case .rule(let rule):
            let w = min(rule.width ?? width * rule.fraction, width)
            var slab = Slab(height: rule.thickness, spaceBefore: .zero,
                            items: [.rule(Rect(x: .zero, y: .zero, width: w, height: rule.thickness), color: rule.color)], origin: "rule")
            start(&slab, spaceBefore: rule.spaceBefore)
            pendingSpace = rule.spaceAfter
            return [slab]
        case .spacer(let h):
            pendingSpace += h
            return []
        case .keepTogether(let inner):
            var out = try slabs(inner, width: width)
            for i in out.indices.dropLast() { out[i].keepWithNext = true }
            return out
        case .pageBreak:
            pendingBreak = true
            return []
        }
    }

    /// The lines of a paragraph as slabs: the first two and the last two lines are kept together
    /// (no orphan, no widow), and a heading's last line is kept with what follows.
    mutating func paragraph(_ p: Paragraph, width: Length, x: Length) throws -> [Slab] {
        let style = p.style
        let tag = StructureTag(role: p.role, id: nextTag, language: p.language)
        nextTag += 1
        let lines = try shaper.lines(p, width: width - style.indent)
        var out: [Slab] = []
        for line in lines {
            let halfLeading = (style.leading - line.ascent - line.descent) * 0.5
            let baseline = halfLeading + line.ascent
            var items: [FrameItem] = [.line(line, origin: Point(x: x + style.indent + line.xOffset, y: baseline), tag: tag)]
            if let bar = style.ruleLeft {
                items.insert(.rule(Rect(x: x + max(.zero, style.indent - .mm(4)), y: .zero, width: .pt(2), height: style.leading), color: bar), at: 0)
            }
            out.append(Slab(height: style.leading, spaceBefore: .zero, items: items, origin: p.origin))
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
