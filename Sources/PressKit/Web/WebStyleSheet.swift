import Foundation
import PressKitModel
import PressKitDocument

/// The web version's stylesheet, drawn from the styles the document is set in: the body text's family,
/// size ratio and colour, the headings' colours and weights, the links' colour, the quotation's rule, the
/// tables' header fill and the boxes' background. Small on purpose: the page reads without it.
public struct WebStyleSheet {
    public let document: Document

    public init(document: Document) { self.document = document }

    /// The first paragraph style met for each role, in reading order.
    func styles() -> [StructureRole: ParagraphStyle] {
        var found: [StructureRole: ParagraphStyle] = [:]
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let p): if found[p.role] == nil { found[p.role] = p.style }
                case .list(let items, _): if let p = items.first?.paragraph, found[.listItem] == nil { found[.listItem] = p.style }
                case .quote(let p, _): if found[.blockQuote] == nil { found[.blockQuote] = p.style }
                case .columns(let set): for column in set.columns { visit(column.blocks) }
                case .keepTogether(let inner): visit(inner)
                case .box(let box): visit(box.blocks)
                case .floating(let figure):
                    if let caption = figure.caption, found[.caption] == nil { found[.caption] = caption.style }
                    visit(figure.blocks)
                default: break
                }
            }
        }
        visit(document.blocks)
        return found
    }

    /// The first block, in reading order (inside boxes, columns and kept groups too), that `pick` takes.
    func first<T>(_ pick: (Block) -> T?) -> T? {
        func find(_ blocks: [Block]) -> T? {
            for block in blocks {
                if let found = pick(block) { return found }
                switch block {
                case .box(let box): if let found = find(box.blocks) { return found }
                case .columns(let set): for c in set.columns { if let found = find(c.blocks) { return found } }
                case .keepTogether(let inner): if let found = find(inner) { return found }
                default: continue
                }
            }
            return nil
        }
        return find(document.blocks)
    }

    /// The first box with a fill or a border, for its colours.
    func firstBox() -> Box? {
        first { if case .box(let box) = $0, box.fill != nil || box.border != nil { return box } else { return nil } }
    }

    /// The first table, for its header fill and stripes.
    func firstTable() -> Table? {
        first { if case .table(let table) = $0 { return table } else { return nil } }
    }

    /// The stylesheet.
    public func css() -> String {
        let found = styles()
        let body = found[.paragraph] ?? ParagraphStyle()
        let base = body.size.pt
        func size(_ s: ParagraphStyle) -> String { String(printf: "%.3gem", s.size.pt / base) }
        func weight(_ s: ParagraphStyle) -> String {
            switch s.weight { case .light: "300"; case .regular: "400"; case .medium: "500"; case .semibold: "600"; case .bold: "700" }
        }
        func family(_ s: ParagraphStyle) -> String { "\"\(s.font)\", system-ui, -apple-system, \"Segoe UI\", sans-serif" }
        var css = """
            /* The web version of \(document.info.title.replacingOccurrences(of: "*/", with: "* /")), in the look of its layout. */
            html { font-family: \(family(body)); color: \(Self.hex(body.color)); line-height: \(String(printf: "%.2f", max(1.45, body.leading.pt / base))); }
            body { max-width: 42em; margin: 2em auto; padding: 0 1em; }
            p { margin: 0 0 0.8em; }
            img { max-width: 100%; height: auto; }
            figure { margin: 1em 0; }
            figcaption { font-size: 0.85em; opacity: 0.85; }
            .columns { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
            .columns > div { flex: 1 1 12em; }
            .image { margin: 0.5em 0; }
            .image img { max-height: 4em; width: auto; }
            hr { border: 0; border-top: 1px solid currentColor; opacity: 0.4; }
            table { border-collapse: collapse; width: 100%; margin: 1em 0; }
            th, td { text-align: left; vertical-align: top; padding: 0.3em 0.5em; border-bottom: 1px solid #ccc; }
            .watermark { color: #b00020; letter-spacing: 0.2em; }
            header { margin-bottom: 1em; }
            header p { margin: 0 0 0.3em; }

            """
        for (role, tag) in [(StructureRole.heading1, "h1"), (.heading2, "h2"), (.heading3, "h3")] {
            guard let s = found[role] else { continue }
            css += "\(tag) { font-family: \(family(s)); font-size: \(size(s)); font-weight: \(weight(s)); color: \(Self.hex(s.color)); line-height: 1.25; margin: 1.2em 0 0.5em; }\n"
        }
        if let link = (found[.paragraph]?.linkColor ?? found.values.compactMap(\.linkColor).first) {
            css += "a { color: \(Self.hex(link)); }\n"
        }
        if let quote = found[.blockQuote] {
            let rule = quote.ruleLeft ?? found[.heading1]?.color ?? body.color
            css += "blockquote { margin: 0; padding-left: 1em; border-left: 3px solid \(Self.hex(rule)); \(quote.italic ? "font-style: italic; " : "")}\n"
        }
        if let box = firstBox() {
            css += ".box { padding: 0.8em 1em; margin: 1em 0; \(box.fill.map { "background: \(Self.hex($0)); " } ?? "")\(box.border.map { "border: 1px solid \(Self.hex($0)); " } ?? "")}\n"
        }
        if let table = firstTable() {
            css += "th { background: \(Self.hex(table.headerFill)); }\n"
            if let stripe = table.stripeFill { css += "tbody tr:nth-child(even) { background: \(Self.hex(stripe)); }\n" }
        }
        return css
    }

    /// `#rrggbb`.
    static func hex(_ c: RGB) -> String {
        String(printf: "#%02x%02x%02x", Int((c.red * 255).rounded()), Int((c.green * 255).rounded()), Int((c.blue * 255).rounded()))
    }
}
