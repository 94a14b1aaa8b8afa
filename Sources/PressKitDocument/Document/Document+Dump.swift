import Foundation
import PressKitModel

extension Document {
    /// A plain-text outline of the block tree, for golden-file tests and `--dump`.
    public func dump() -> String {
        var out = "document lang=\(info.language) title=\"\(info.title)\"\n"
        out += "page \(Int(page.size.width.mm.rounded()))x\(Int(page.size.height.mm.rounded()))mm\n"
        out += "body\n"
        for b in blocks { Self.dump(b, depth: 1, into: &out) }
        out += "footer\n"
        for b in footer { Self.dump(b, depth: 1, into: &out) }
        return out
    }

    package static func describe(_ p: Paragraph) -> String {
        let text = p.runs.map { run -> String in
            var t = run.text
            if run.bold { t = "**\(t)**" }
            if run.italic { t = "*\(t)*" }
            if let link = run.link { t = "[\(t)](\(link))" + (run.linkLanguage.map { "{hreflang=\($0)}" } ?? "") }
            if let language = run.language { t = "[\(t)]{lang=\(language)}" }
            return t
        }.joined()
        // No-break spaces made visible, scalar by scalar (a fingerprint dumps every paragraph of every build).
        var visible = UTF8Writer(capacity: text.utf8.count + 8)
        for c in text.unicodeScalars {
            switch c {
            case "\u{202F}": visible.append("⍽")
            case "\u{00A0}": visible.append("·")
            default: visible.append(c)
            }
        }
        return "\(p.role.rawValue)\(p.anchor.map { "#" + $0 } ?? "") \(p.style.font) \(p.style.size.pt)pt\(p.style.weight == .regular ? "" : " " + p.style.weight.rawValue)"
            + "\(p.style.italic ? " italic" : "") \(p.style.align.rawValue)\(p.style.keepWithNext ? " keep-with-next" : ""): \(visible.string)"
    }

    package static func dump(_ block: Block, depth: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: depth)
        switch block {
        case .paragraph(let p): out += "\(pad)\(describe(p))\n"
        case .list(let items, let indent):
            out += "\(pad)list indent=\(String(printf: "%.1f", indent.mm))mm\n"
            for (marker, p) in items { out += "\(pad)  \(marker) \(describe(p))\n" }
        case .quote(let p, let attribution):
            out += "\(pad)quote\n\(pad)  \(describe(p))\n"
            if let a = attribution { out += "\(pad)  \(describe(a))\n" }
        case .columns(let set):
            // The default set (no gutter, not mirrored) is written as before, so older golden files hold.
            out += "\(pad)columns" + (set.gutter == .zero ? "" : " gutter \(set.gutter.pt)pt") + (set.mirrored ? " mirrored" : "") + "\n"
            for c in set.columns {
                out += "\(pad)  column \(Int((c.fraction * 100).rounded()))%\n"
                for b in c.blocks { dump(b, depth: depth + 2, into: &out) }
            }
        case .image(let i):
            out += "\(pad)image \(i.kind.rawValue) \(i.description) \(i.pixelWidth)x\(i.pixelHeight)px height=\(String(printf: "%.1f", i.height.mm))mm"
            out += " alt=" + (i.alt.map { "\"\($0)\"" } ?? "decorative") + "\n"
        case .rule(let r): out += "\(pad)rule \(r.width.map { String(printf: "%.1fmm", $0.mm) } ?? "\(Int(r.fraction * 100))%") \(r.thickness.pt)pt\n"
        case .spacer(let h): out += "\(pad)spacer \(String(printf: "%.1f", h.pt))pt\n"
        case .fill: out += "\(pad)spacer fill\n"
        case .keepTogether(let inner):
            out += "\(pad)keep\n"
            for b in inner { dump(b, depth: depth + 1, into: &out) }
        case .pageBreak: out += "\(pad)page-break\n"
        case .box(let box):
            var line = "\(pad)box padding \(box.padding.pt)pt"
            if let c = box.fill { line += " fill " + c.hex }
            if let c = box.border { line += " border " + c.hex }
            if let c = box.ruleLeft { line += " rule-left " + c.hex }
            out += line + "\n"
            for b in box.blocks { dump(b, depth: depth + 1, into: &out) }
        case .tableOfContents(let entries):
            out += "\(pad)contents\n"
            for e in entries { out += "\(pad)  \(e.level) #\(e.anchor) \(describe(e.paragraph))\n" }
        case .floating(let f):
            out += "\(pad)float \(f.side.rawValue) \(Int((f.fraction * 100).rounded()))%\n"
            dump(.image(f.image), depth: depth + 1, into: &out)
            if let c = f.caption { out += "\(pad)  \(describe(c))\n" }
            for b in f.blocks { dump(b, depth: depth + 1, into: &out) }
        case .table(let t):
            out += "\(pad)table \(t.columns.map { "\(Int(($0 * 100).rounded()))%" }.joined(separator: " "))\n"
            out += "\(pad)  header: " + t.header.map(describe).joined(separator: " | ") + "\n"
            for row in t.rows { out += "\(pad)  row: " + row.map(describe).joined(separator: " | ") + "\n" }
        }
    }
}
