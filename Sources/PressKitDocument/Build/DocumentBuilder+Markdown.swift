import Foundation
import PressKitModel

extension DocumentBuilder {
    /// The style each kind of Markdown block takes unless the `markdown` block names another.
    static let markdownStyles: [String: String] = [
        "paragraph": "body", "heading-2": "heading-2", "heading-3": "heading-3", "list-item": "list-item", "quote": "quote",
        "pull-quote": "pull-quote", "pull-source": "pull-source", "note": "note", "table-header": "table-header",
        "table-cell": "table-cell", "caption": "caption",
    ]

    /// A `markdown` block: a field holding a Markdown text (a section's body) as paragraphs, sub-headings,
    /// lists, tables, quotes, pull quotes, notes and photos placed by id.
    mutating func markdown(_ spec: Value, scope: Scope, path: String) -> [Block] {
        let textSpec = spec["text"]!
        let used = Template.FieldUse()
        guard let text = expand(textSpec, scope: scope, path: "\(path).text", used: used) else { return [] }
        let (mark, field): (SourceMark, String) = source(of: textSpec, scope: scope).map { ($0.0, scope.dataPath($0.1)) } ?? (textSpec.mark, "\(path).text")
        // The text's own value, to name a problem at its line in the file (a literal block's lines are the file's).
        let value = source(of: textSpec, scope: scope).flatMap { scope.lookup($0.1) }
        let (nodes, problems) = MarkdownBody.parse(text)
        for problem in problems {
            let at = value?.place(ofLine: problem.line) ?? mark
            let said = at.line != mark.line || problem.line == nil ? "" : " (line \(problem.line!) of the text)"
            errors.append(Diagnostic(at: at, path: field, problem.message + said, hint: problem.hint))
        }
        var context = MarkdownContext(spec: spec, scope: scope, mark: mark, field: field)
        context.value = value
        return markdownBlocks(nodes, context: &context, depth: 0)
    }

    /// What converting one Markdown text needs to know.
    struct MarkdownContext {
        var spec: Value
        var scope: Scope
        var mark: SourceMark
        var field: String
        /// The language of an enclosing `::: {… lang=xx}`, given to runs that say none.
        var language: String?
        /// The style of paragraphs inside a pull quote or note instead of `paragraph`.
        var paragraphRole: String = "paragraph"
        /// The text's value in the data, for the file line of a problem on line N of the text.
        var value: Value?

        /// Where line `line` of the text is in the meeting file.
        func place(_ line: Int?) -> SourceMark { value?.place(ofLine: line) ?? mark }
    }

    private mutating func markdownStyle(_ role: String, _ context: MarkdownContext) -> (Value?, String) {
        let named = context.spec["styles"]?[role]
        return (named, named?.text ?? Self.markdownStyles[role] ?? "body")
    }

    private mutating func markdownParagraph(_ runs: [TextRun], role: String, structure: StructureRole, line: Int,
                                            context: MarkdownContext) -> Paragraph? {
        var runs = runs
        if let language = context.language { for i in runs.indices where runs[i].language == nil { runs[i].language = language } }
        runs = linkLanguages(runs, context: context, line: line)
        let (styleName, defaultStyle) = markdownStyle(role, context)
        return styled(runs, styleName: styleName, defaultStyle: defaultStyle, role: structure, mark: context.mark, field: context.field,
                      origin: "line \(line) of \(context.field)", styleMark: styleName?.mark ?? context.spec.mark,
                      stylePath: "markdown.styles.\(role)")
    }

    /// After a link to a page in another language than the document's, its language in the layout's
    /// words, when the layout has them (label `in_de`: "(en allemand)").
    private mutating func linkLanguages(_ runs: [TextRun], context: MarkdownContext, line: Int) -> [TextRun] {
        var out: [TextRun] = []
        for (i, run) in runs.enumerated() {
            out.append(run)
            guard let target = run.linkLanguage, target != meeting.language, i + 1 == runs.count || runs[i + 1].link != run.link else { continue }
            guard let words = template.labels["in_\(target)"] else {
                errors.append(Diagnostic(at: context.place(line), path: context.field,
                                         "a link says it leads to a page in \(LanguageNames.english(target)), and the layout `\(layout.name)` has no words for it",
                                         hint: "add a label `in_\(target): …` (\"in Spanish\", \"en espagnol\") to the layout, or leave out {hreflang=\(target)}"))
                continue
            }
            out.append(TextRun(" (\(words))", bold: run.bold, italic: run.italic))
        }
        return out
    }

    mutating func markdownBlocks(_ nodes: [BodyNode], context: inout MarkdownContext, depth: Int) -> [Block] {
        var out: [Block] = []
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            index += 1
            switch node {
            case .paragraph(let runs, let line):
                if let p = markdownParagraph(runs, role: context.paragraphRole, structure: context.paragraphRole == "quote" ? .blockQuote : .paragraph,
                                             line: line, context: context) {
                    out.append(context.paragraphRole == "quote" ? .quote(p, attribution: nil) : .paragraph(p))
                }
            case .heading(let level, let runs, let line):
                guard var p = markdownParagraph(runs, role: "heading-\(level)", structure: .heading(level), line: line, context: context) else { continue }
                p.style.keepWithNext = true
                let anchor = "h\(headings.count + 1)"
                p.anchor = anchor
                headings.append((OutlineEntry(anchor: anchor, level: level, title: p.text.replacingEvery("\u{202F}", with: " ")), p))
                out.append(.paragraph(p))
            case .list(let ordered, let start, let items):
                out += markdownList(ordered: ordered, start: start, items: items, context: &context, depth: depth)
            case .quote(let inner):
                var nested = context
                nested.paragraphRole = "quote"
                out += markdownBlocks(inner, context: &nested, depth: depth)
            case .division(let division, let inner):
                var nested = context
                if let lang = division.attributes["lang"] { nested.language = lang }
                switch division.kind {
                case .note:
                    nested.paragraphRole = "note"
                    out += markdownBlocks(inner, context: &nested, depth: depth)
                case .plain, .table:
                    out += markdownBlocks(inner, context: &nested, depth: depth)
                case .pullquote:
                    nested.paragraphRole = "pull-quote"
                    var texts = markdownBlocks(Self.quoted(inner), context: &nested, depth: depth)
                    if let speaker = division.attributes["speaker"] {
                        let (named, fallback) = markdownStyle("pull-source", context)
                        if let person = person(speaker, at: context, line: division.line), let source = styled(
                            [TextRun("— " + [person["name"]?.text, person["role"]?.text].compactMap { $0 }.joined(separator: ", "))],
                            styleName: named, defaultStyle: fallback, role: .paragraph, mark: context.mark, field: context.field,
                            origin: "the speaker of a pull quote in \(context.field)", styleMark: named?.mark ?? context.spec.mark) {
                            texts.append(.paragraph(source))
                        }
                    }
                    if !texts.isEmpty { out.append(.keepTogether(texts)) }
                }
            case .table(let header, let rows, let widths, let line):
                if let table = markdownTable(header: header, rows: rows, widths: widths, line: line, context: context) { out.append(.table(table)) }
            case .figure(let id, let line, nil):
                out += figure(id, line: line, context: context)
            case .figure(let id, let line, let float?):
                // The paragraphs that follow flow around it.
                var beside: [BodyNode] = []
                while index < nodes.count, case .paragraph = nodes[index] { beside.append(nodes[index]); index += 1 }
                let flowing = markdownBlocks(beside, context: &context, depth: depth)
                guard let (image, caption) = figureParts(id, line: line, context: context) else { out += flowing; continue }
                var floated = image
                floated.height = .mm(120)  // its width decides; never taller than this
                out.append(.floating(FloatingFigure(image: floated, caption: caption, side: float.side, fraction: float.fraction, blocks: flowing)))
            }
        }
        return out
    }

    /// A pull quote's paragraphs inside quotation marks (set per language by the typography: « … », “…”).
    static func quoted(_ nodes: [BodyNode]) -> [BodyNode] {
        var nodes = nodes
        guard let first = nodes.firstIndex(where: { if case .paragraph = $0 { return true }; return false }),
              let last = nodes.lastIndex(where: { if case .paragraph = $0 { return true }; return false }) else { return nodes }
        if case .paragraph(let runs, let line) = nodes[first] { nodes[first] = .paragraph([TextRun("\"")] + runs, line: line) }
        if case .paragraph(let runs, let line) = nodes[last] { nodes[last] = .paragraph(runs + [TextRun("\"")], line: line) }
        return nodes
    }

    /// A person of the meeting's `people` by id, or an error at the text that names them.
    mutating func person(_ id: String, at context: MarkdownContext, line: Int) -> Value? {
        let people = meeting.data["people"]?.elements ?? []
        if let found = people.first(where: { $0["id"]?.text == id }) { return found }
        let ids = people.compactMap { $0["id"]?.text }
        errors.append(Diagnostic(at: context.place(line), path: context.field, "no person `\(id)` in `people`",
                                 hint: SchemaValidator.suggestion(for: id, among: ids).map { "did you mean `\($0)`?" }
                                    ?? (ids.isEmpty ? "add them to `people` with `id: \(id)`" : "known: " + ids.joined(separator: ", "))))
        return nil
    }

    private mutating func markdownList(ordered: Bool, start: Int, items: [[BodyNode]], context: inout MarkdownContext, depth: Int) -> [Block] {
        let (_, styleName) = markdownStyle("list-item", context)
        let base = styles.styles[styleName] ?? styles.styles["body"] ?? ParagraphStyle()
        let indent = base.indent.pt > 0 ? base.indent : .mm(6)
        var out: [Block] = []
        var pending: [(marker: String, paragraph: Paragraph)] = []
        func flush() { if !pending.isEmpty { out.append(.list(items: pending, indent: indent)); pending = [] } }
        for (k, item) in items.enumerated() {
            let marker = ordered ? "\(start + k)." : (context.spec["marker"]?.text ?? "–")
            var rest = item[...]
            if case .paragraph(let runs, let line)? = rest.first {
                rest = rest.dropFirst()
                if var p = markdownParagraph(runs, role: "list-item", structure: .listItem, line: line, context: context) {
                    p.style.indent = indent * Double(depth)
                    pending.append((marker, p))
                }
            }
            guard !rest.isEmpty else { continue }
            flush()
            out += markdownBlocks(Array(rest), context: &context, depth: depth + 1)
        }
        flush()
        return out
    }

    private mutating func markdownTable(header: [[TextRun]], rows: [[[TextRun]]], widths: [Double]?, line: Int, context: MarkdownContext) -> Table? {
        let count = header.count
        var fractions = Array(repeating: 1.0 / Double(max(count, 1)), count: count)
        if let widths {
            let total = widths.reduce(0, +)
            guard widths.count == count, widths.allSatisfy({ $0 > 0 }), abs(total - 100) <= 1 else {
                let problem = widths.contains { $0 <= 0 } ? "its `widths` are not all numbers above zero"
                    : widths.count != count ? "the table has \(count) columns, and its `widths` give \(widths.count)"
                    : "the table's `widths` add up to \(Int(total.rounded())) %, not 100 %"
                errors.append(Diagnostic(at: context.place(line), path: context.field, problem,
                                         hint: "give one width per column, in per cent of the text width, adding up to 100: widths=\"20 50 30\""))
                return nil
            }
            fractions = widths.map { $0 / total }
        }
        func cell(_ runs: [TextRun], role: String, structure: StructureRole) -> Paragraph {
            markdownParagraph(runs, role: role, structure: structure, line: line, context: context)
                ?? Paragraph(runs: [], style: ParagraphStyle(), language: meeting.language, role: structure)
        }
        var table = Table(columns: fractions, header: header.map { cell($0, role: "table-header", structure: .headerCell) },
                          rows: rows.map { $0.map { cell($0, role: "table-cell", structure: .dataCell) } },
                          headerFill: context.spec["header-fill"]?.text.flatMap(RGB.init(hex:)) ?? RGB(red: 0.93, green: 0.93, blue: 0.96),
                          ruleColor: context.spec["rule-color"]?.text.flatMap(RGB.init(hex:)) ?? RGB(red: 0.8, green: 0.8, blue: 0.8),
                          padding: .pt(4))
        table.stripeFill = context.spec["stripe-fill"]?.text.flatMap(RGB.init(hex:))
        table.mark = context.mark
        return table
    }

    /// A photo of the meeting by id, with its caption and credit under it, kept together.
    private mutating func figure(_ id: String, line: Int, context: MarkdownContext) -> [Block] {
        guard let (image, caption) = figureParts(id, line: line, context: context) else { return [] }
        // A photo keeps its distance from a quote or a short paragraph above it.
        return [.spacer(.pt(6)), .keepTogether([.image(image)] + (caption.map { [.paragraph($0)] } ?? []))]
    }

    /// The image of the photo `id` and the paragraph of its caption and credit.
    private mutating func figureParts(_ id: String, line: Int, context: MarkdownContext) -> (ImageBlock, Paragraph?)? {
        let photos = meeting.data["photos"]?.elements ?? []
        guard let index = photos.firstIndex(where: { $0["id"]?.text == id }) else {
            let ids = photos.compactMap { $0["id"]?.text }
            errors.append(Diagnostic(at: context.place(line), path: context.field, "no photo `\(id)` in `photos`",
                                     hint: SchemaValidator.suggestion(for: id, among: ids).map { "did you mean `\($0)`?" }
                                        ?? "give the photo an id in `photos` (id: \(id.split(separator: "/").last.map(String.init) ?? id)) and place it as ![](its-id)"))
            return nil
        }
        var scope = context.scope
        scope.locals["figure"] = photos[index]
        scope.localPaths["figure"] = "photos[\(index)]"
        let m = context.spec.mark
        let spec = Value(.map([("path", Value(.text("{figure.file}"), at: m)), ("alt", Value(.text("{figure.alt}"), at: m)),
                               ("height", Value(.text(context.spec["figure-height"]?.text ?? "80mm"), at: m)), ("width", Value(.text("100%"), at: m))]), at: m)
        guard let image = image(spec, scope: scope, path: "markdown.figure") else { return nil }
        let caption = photos[index]["caption"]?.text, credit = photos[index]["credit"]?.text
        let words = [caption, credit.map { "© " + $0 }].compactMap { $0 }.joined(separator: " — ")
        guard !words.isEmpty else { return (image, nil) }
        let (named, fallback) = markdownStyle("caption", context)
        let p = styled(InlineMarkdown.runs(words), styleName: named, defaultStyle: fallback, role: .caption, mark: photos[index].mark,
                       field: "photos[\(index)]", origin: "the caption of photos[\(index)]", styleMark: named?.mark ?? m)
        return (image, p)
    }
}
