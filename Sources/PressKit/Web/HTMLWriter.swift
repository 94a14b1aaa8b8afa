// Web: the web version of a document (`build --to html`), semantic HTML5 written from the same document
// tree the PDF is laid out from, with a small stylesheet drawn from the layout's styles.
import Foundation
import PressKitModel
import PressKitDocument

/// Writes a document as an HTML5 page: headings, paragraphs, lists, quotations, tables with header
/// cells, figures with their alternative text and credits, links with the language of their target, and
/// `lang` on the page and on every passage in another language. The text is the PDF's, typography
/// included (no-break and narrow no-break spaces, quotation marks, dates). Page furniture (running
/// headers, page numbers, spaces, page breaks) is left out; the page reads in order with no stylesheet.
public struct HTMLWriter {
    public let document: Document
    /// The address of the stylesheet, relative to the page; nil writes a page with none.
    public var stylesheet: String?
    /// The address an image file is published at, relative to the page.
    public var imageAddress: (URL) -> String

    public init(document: Document, stylesheet: String?, imageAddress: @escaping (URL) -> String) {
        self.document = document; self.stylesheet = stylesheet; self.imageAddress = imageAddress
    }

    /// The page.
    public func html() -> String {
        let info = document.info
        var out = """
            <!DOCTYPE html>
            <html lang="\(Self.attribute(info.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.text(info.title))</title>

            """
        if !info.author.isEmpty { out += "<meta name=\"author\" content=\"\(Self.attribute(info.author))\">\n" }
        if !info.subject.isEmpty { out += "<meta name=\"description\" content=\"\(Self.attribute(info.subject))\">\n" }
        if !info.keywords.isEmpty { out += "<meta name=\"keywords\" content=\"\(Self.attribute(info.keywords))\">\n" }
        out += "<meta name=\"generator\" content=\"\(Self.attribute(info.creator))\">\n"
        if let stylesheet { out += "<link rel=\"stylesheet\" href=\"\(Self.attribute(stylesheet))\">\n" }
        out += "</head>\n<body>\n<article>\n"
        if let mark = document.watermark { out += "<p class=\"watermark\"><strong>\(inline(mark))</strong></p>\n" }
        // What stands before the title (the issuers, the kind of document, the dateline) is the page's header.
        let title = document.blocks.firstIndex { if case .paragraph(let p) = $0 { return p.role == .heading1 } else { return false } }
        if let title, title > 0, case let masthead = blocks(Array(document.blocks[..<title])), !masthead.isEmpty {
            out += "<header>\n\(masthead)</header>\n" + blocks(Array(document.blocks[title...]))
        } else {
            out += blocks(document.blocks)
        }
        // The document's footer is page furniture (the dateline again, page numbers): not on the web page.
        out += "</article>\n</body>\n</html>\n"
        return out
    }

    /// Blocks in reading order.
    func blocks(_ blocks: [Block]) -> String {
        var out = ""
        var k = 0
        while k < blocks.count {
            // An image and the caption set under it are one figure.
            if case .image(let image) = blocks[k], k + 1 < blocks.count, case .paragraph(let p) = blocks[k + 1], p.role == .caption {
                out += figure(image, caption: p)
                k += 2
                continue
            }
            out += block(blocks[k])
            k += 1
        }
        return out
    }

    func block(_ block: Block) -> String {
        switch block {
        case .paragraph(let p): return paragraph(p)
        case .list(let items, _):
            guard !items.isEmpty else { return "" }
            // Numbered markers (1. 2. or a) b)) make an ordered list; dashes and bullets an unordered one.
            let ordered = items.allSatisfy { $0.marker.first?.isNumber == true || ($0.marker.count <= 3 && $0.marker.last == ")") }
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>\n" + items.map { "<li\(languageAttribute($0.paragraph))>\(inline($0.paragraph))</li>\n" }.joined() + "</\(tag)>\n"
        case .quote(let p, let attribution):
            let quote = "<blockquote\(languageAttribute(p))>\n<p>\(inline(p))</p>\n</blockquote>\n"
            guard let attribution else { return quote }
            return "<figure class=\"quote\">\n\(quote)<figcaption\(languageAttribute(attribution))>\(inline(attribution))</figcaption>\n</figure>\n"
        case .columns(let set):
            let inner = set.columns.map { blocks($0.blocks) }.filter { !$0.isEmpty }
            guard !inner.isEmpty else { return "" }
            return "<div class=\"columns\">\n" + inner.map { "<div>\n\($0)</div>\n" }.joined() + "</div>\n"
        case .image(let image): return figure(image, caption: nil)
        case .rule: return "<hr>\n"
        case .spacer, .fill, .pageBreak: return ""
        case .keepTogether(let inner): return blocks(inner)
        case .tableOfContents(let entries):
            guard !entries.isEmpty else { return "" }
            return "<nav>\n<ol>\n" + entries.map { "<li><a href=\"#\(Self.attribute($0.anchor))\">\(inline($0.paragraph))</a></li>\n" }.joined() + "</ol>\n</nav>\n"
        case .table(let table): return self.table(table)
        case .floating(let figure):
            return self.figure(figure.image, caption: figure.caption) + blocks(figure.blocks)
        case .box(let box):
            let inner = blocks(box.blocks)
            return inner.isEmpty ? "" : "<section class=\"box\">\n\(inner)</section>\n"
        }
    }

    /// A paragraph as its role says: a heading (with its anchor), a caption, or a paragraph.
    func paragraph(_ p: Paragraph) -> String {
        let content = inline(p)
        guard !content.trimmingBlanks().isEmpty else { return "" }
        let lang = languageAttribute(p)
        let id = p.anchor.map { " id=\"\(Self.attribute($0))\"" } ?? ""
        switch p.role {
        case .heading1: return "<h1\(id)\(lang)>\(content)</h1>\n"
        case .heading2: return "<h2\(id)\(lang)>\(content)</h2>\n"
        case .heading3: return "<h3\(id)\(lang)>\(content)</h3>\n"
        case .artifact: return ""
        default: return "<p\(id)\(lang)>\(content)</p>\n"
        }
    }

    /// An image: informative, in a figure with its alternative text (and its caption or credit);
    /// decorative (a logo beside its ministry's name, an ornament), with an empty alternative text.
    func figure(_ image: ImageBlock, caption: Paragraph?) -> String {
        let size = " width=\"\(image.pixelWidth)\" height=\"\(image.pixelHeight)\""
        let img = "<img src=\"\(Self.attribute(imageAddress(image.file)))\" alt=\"\(Self.attribute(image.alt ?? ""))\"\(size)>"
        guard image.alt != nil || caption != nil else { return "<p class=\"image\">\(img)</p>\n" }
        var out = "<figure>\n\(img)\n"
        if let caption { out += "<figcaption\(languageAttribute(caption))>\(inline(caption))</figcaption>\n" }
        return out + "</figure>\n"
    }

    /// A table with its header cells (`th scope="col"`) in a head, and its body rows.
    func table(_ table: Table) -> String {
        var out = "<table>\n"
        if !table.header.isEmpty {
            out += "<thead>\n<tr>" + table.header.map { "<th scope=\"col\"\(languageAttribute($0))>\(inline($0))</th>" }.joined() + "</tr>\n</thead>\n"
        }
        out += "<tbody>\n"
        for row in table.rows {
            out += "<tr>" + row.map { "<td\(languageAttribute($0))>\(inline($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// ` lang="…"` when the paragraph is in another language than the page.
    func languageAttribute(_ p: Paragraph) -> String {
        p.language == document.info.language ? "" : " lang=\"\(Self.attribute(p.language))\""
    }

    /// A paragraph's runs: bold, italic, links (with the language of their target) and passages in
    /// another language; page numbers have no place on a web page.
    func inline(_ p: Paragraph) -> String {
        var out = ""
        var k = 0
        let runs = p.runs
        while k < runs.count {
            // Neighbouring runs in one link are one anchor.
            guard case .text = runs[k].content else { k += 1; continue }
            if let link = runs[k].link {
                var j = k
                var inner = ""
                while j < runs.count, runs[j].link == link { inner += span(runs[j]); j += 1 }
                let hreflang = runs[k].linkLanguage.map { " hreflang=\"\(Self.attribute($0))\"" } ?? ""
                out += "<a href=\"\(Self.attribute(link))\"\(hreflang)>\(inner)</a>"
                k = j
            } else {
                out += span(runs[k])
                k += 1
            }
        }
        return out
    }

    /// One run: its text, strong, emphasized, in its own language.
    func span(_ run: TextRun) -> String {
        guard case .text(let s) = run.content else { return "" }
        var text = Self.text(s)
        if run.italic { text = "<em>\(text)</em>" }
        if run.bold { text = "<strong>\(text)</strong>" }
        if let language = run.language { text = "<span lang=\"\(Self.attribute(language))\">\(text)</span>" }
        return text
    }

    /// Text made safe between tags.
    static func text(_ s: String) -> String {
        s.replacingScalars { $0 == "\n" ? "<br>" : String.xmlEntity($0) }
    }

    /// Text made safe in a quoted attribute.
    static func attribute(_ s: String) -> String {
        s.replacingScalars { $0 == "\n" ? " " : String.xmlEntity($0, quotes: true) }
    }
}
