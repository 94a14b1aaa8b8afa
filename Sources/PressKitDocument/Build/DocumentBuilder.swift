// Build: turns a layout and a localized meeting into a Document, a tree of blocks with resolved styles.
import Foundation
import PressKitModel

/// Evaluates a layout's blocks against one language of a meeting, giving a Document.
public struct DocumentBuilder {
    let layout: Layout
    let meeting: LocalizedMeeting
    /// Folders where image paths are looked up, in order (the meeting folder, then the tool's Assets/).
    let assetFolders: [URL]
    /// Records the image files looked for, for the build cache.
    package var inputs: BuildInputs?
    let styles: StyleSheet
    let template: Template
    var errors: [Diagnostic] = []
    /// The default styles found missing so far, each reported once.
    var reportedMissingStyles: Set<String> = []
    /// Headings met so far, in reading order, for the outline and the table of contents.
    var headings: [(entry: OutlineEntry, paragraph: Paragraph)] = []
    /// The last number of the previous numbered list, for lists that continue it; nil in the second half of
    /// a loop built on two threads until a numbered list of its own sets it.
    var numbering: Int? = 0
    /// A list continued the numbering while it was not known: the half cannot be joined (`eachInParallel`).
    var continuedUnknownList = false
    /// Whether long `each` loops may be built on two threads (a build of a single document, on a machine
    /// with cores to spare).
    public var parallel = false
    /// How many loops were built on two threads (for tests).
    var loopsBuiltInParallel = 0
    /// The partials being included, outermost first (a cycle is refused when the layout loads; this guards).
    var including: [String] = []
    /// Fields of the data a built-in layout asked for and did not find, reported once each.
    var reportedMissing: Set<String> = []
    /// The personal names of the meeting, kept whole on one line wherever they are printed.
    let names: [String]
    /// The same, as printed: their spaces made no-break by `Typography`.
    let boundNames: [String]
    /// The same, as UTF-8 bytes, for searching.
    let boundNameBytes: [[UInt8]]

    public init(layout: Layout, meeting: LocalizedMeeting, assetFolders: [URL]) throws {
        self.layout = layout
        self.meeting = meeting
        self.assetFolders = assetFolders
        self.styles = try StyleSheet(layout: layout.data, partials: layout.partials.keys.sorted().compactMap { layout.partials[$0] })
        var labels: [String: String] = [:]
        for partial in layout.partials.keys.sorted().compactMap({ layout.partials[$0] }) {
            for (k, v) in StyleSheet.pairs(partial["labels"]?[meeting.language]) { labels[k] = v.text }
        }
        for (k, v) in StyleSheet.pairs(layout.data["labels"]?[meeting.language]) { labels[k] = v.text }
        self.template = Template(labels: labels, language: meeting.language)
        self.names = Self.personalNames(in: meeting.data)
        self.boundNames = names.map { $0.replacingEvery(" ", with: "\u{00A0}") }
        self.boundNameBytes = boundNames.map { Array($0.utf8) }
    }

    /// The personal names a meeting's data holds: every `speaker` and `credit`, and the `name` of the chair,
    /// of contacts and of anything else described as a person (an object with a `name` beside a `role`).
    static func personalNames(in data: Value) -> [String] {
        var names: Set<String> = []
        func walk(_ value: Value, key: String) {
            switch value.kind {
            case .map(let pairs):
                let isPerson = key == "chair" || pairs.contains { $0.key == "role" } || pairs.contains { $0.key == "office" }
                for (k, v) in pairs {
                    if k == "speaker" || k == "credit" || (k == "name" && isPerson), let text = v.text { names.insert(text) }
                    walk(v, key: k)
                }
            case .list(let items): for item in items { walk(item, key: key) }
            default: break
            }
        }
        walk(data, key: "")
        // Plain words only (markup and extra spaces aside), longest first so a longer name binds before its part.
        return names.map { $0.replacingEvery("**", with: "").replacingEvery("__", with: "")
            .split(separator: " ").joined(separator: " ") }
            .filter { $0.containsByte(0x20) && $0.count <= 60 }.sorted { $0.count > $1.count }
    }

    /// Builds the document, or throws every problem found in the layout's use of the data.
    public mutating func build() throws -> Document {
        let scope = Scope(data: meeting.data, language: meeting.language)
        var body = blocks(layout.data["body"], scope: scope, path: "body")
        let bodyHeadings = headings
        let footer = blocks(layout.data["footer"], scope: scope, path: "footer")
        let header = blocks(layout.data["header"], scope: scope, path: "header")
        body = fillContents(body, headings: bodyHeadings)
        let info = documentInfo(scope: scope)
        let page = pageTemplate(scope: scope)
        let justification = self.justification()
        if !errors.isEmpty { throw DiagnosticError(errors) }
        var document = Document(info: info, page: page, blocks: body, footer: footer)
        document.justification = justification
        document.source = .file(layout.source.path)
        document.header = header
        document.outline = bodyHeadings.map(\.entry)
        if meeting.data["status"]?.text == "draft" { document.watermark = watermark(scope: scope) }
        // House hyphenation: the layout's list, then the meeting's, which wins.
        for source in [layout.data["hyphenation"], meeting.data["hyphenation"]] {
            for (lang, list) in StyleSheet.pairs(source) {
                for entry in list.elements.compactMap(\.text) {
                    let exception = HyphenationException(entry)
                    document.hyphenation[lang, default: [:]][exception.word] = exception.points
                }
            }
        }
        return document
    }

    /// The layout's `justification` settings, checked against their bounds.
    mutating func justification() -> Justification {
        var out = Justification()
        guard let spec = layout.data["justification"] else { return out }
        if let value = spec["hyphen-penalty"], case .integer(let n) = value.kind {
            if n > 10_000 {
                errors.append(Diagnostic(at: value.mark, path: "justification.hyphen-penalty", "a hyphen penalty of \(n) is more than 10000",
                                         hint: "10000 forbids hyphens; 50 is TeX's and presskit's default"))
            }
            out.hyphenPenalty = Double(min(n, 10_000))
        }
        if let value = spec["expansion"], case .integer(let n) = value.kind {
            if n > 4 {
                errors.append(Diagnostic(at: value.mark, path: "justification.expansion", "letters widened or narrowed by \(n) % would show",
                                         hint: "give a whole number of per cent from 0 (none) to 4; the default is 2"))
            }
            out.expansion = Double(min(n, 4)) / 100
        }
        return out
    }

    mutating func pageTemplate(scope: Scope) -> PageTemplate {
        let page = layout.data["page"]
        func length(_ v: Value?, _ fallback: Length) -> Length { v?.text.flatMap { Length(parsing: $0) } ?? fallback }
        let margins = page?["margins"]
        let size = page?["size"]?.text.flatMap(PaperSize.size(parsing:)) ?? .a4
        var template = PageTemplate(size: size,
                                    margins: Sides(top: length(margins?["top"], .mm(20)), right: length(margins?["right"], .mm(20)),
                                                   bottom: length(margins?["bottom"], .mm(20)), left: length(margins?["left"], .mm(20))),
                                    footerGap: length(page?["footer-gap"], .mm(8)))
        template.headerGap = length(page?["header-gap"], .mm(8))
        let area = template.textArea.size
        if area.width.mm < 20 || area.height.mm < 20 {
            errors.append(Diagnostic(at: margins?["left"]?.mark ?? page?.mark ?? layout.data.mark, path: "page.margins",
                                     "the margins leave no room for text: the text area would be \(Int(area.width.mm.rounded())) × \(Int(area.height.mm.rounded())) mm on a page of \(Int(size.width.mm.rounded())) × \(Int(size.height.mm.rounded())) mm",
                                     hint: "keep at least 20 mm of text width and height between the margins"))
        }
        if case .boolean(true)? = page?["plain-first"]?.kind { template.plainFirstPage = true }
        if let limit = page?["max-pages"], case .integer(let n) = limit.kind { template.maximumPages = (n, limit.mark) }
        if page?["bilingual-numbering"]?.text.flatMap(BilingualNumbering.init(rawValue:)) == .restart { template.continuousNumbering = false }
        if let label = page?["first-label"] { template.firstPageLabel = plain(expand(label, scope: scope, path: "page.first-label") ?? "") }
        return template
    }

    mutating func documentInfo(scope: Scope) -> DocumentInfo {
        let m = layout.data["metadata"]
        func field(_ key: String) -> String {
            guard let v = m?[key] else { return "" }
            return plain(expand(v, scope: scope, path: "metadata.\(key)") ?? "")
        }
        let issuers = meeting.data["issuers"]?.elements.compactMap { $0["name"]?.text } ?? []
        return DocumentInfo(title: field("title"), author: issuers.map(plain).joined(separator: ", "),
                            subject: field("subject"), keywords: field("keywords"), language: meeting.language)
    }

    /// The draft watermark in the document's language: the layout's label `draft`, else the usual word.
    func watermark(scope: Scope) -> Paragraph {
        let defaults = ["fr": "PROJET", "en": "DRAFT", "de": "ENTWURF", "it": "BOZZA"]
        let word = (try? template.label("draft", in: scope, depth: 0)) ?? defaults[meeting.language] ?? "DRAFT"
        var style = ParagraphStyle()
        style.size = .pt(110); style.leading = .pt(120); style.weight = .bold
        style.color = RGB(red: 0.88, green: 0.88, blue: 0.9)
        return Paragraph(runs: [TextRun(word)], style: style, language: meeting.language, origin: "status", role: .artifact)
    }

    /// Text of inline Markdown without its markup, for PDF properties.
    func plain(_ markdown: String) -> String {
        let runs = InlineMarkdown.runs(markdown)
        return Typography(language: meeting.language).apply(runs.map(\.text)).joined()
    }

    mutating func expand(_ value: Value, scope: Scope, path: String, used: Template.FieldUse? = nil) -> String? {
        do { return try template.expand(value.text ?? "", in: scope, used: used) } catch let p as Template.Problem {
            if let missing = p.missingField, layout.isBuiltIn {
                missingData(scope.dataPath(missing), at: value.mark)
            } else {
                errors.append(Diagnostic(at: value.mark, path: path, p.message, hint: p.hint))
            }
        } catch { errors.append(Diagnostic(at: value.mark, path: path, "\(error)")) }
        return nil
    }

    /// A built-in layout prints a field the meeting file does not have: the meeting file is what to change,
    /// at the deepest part of the path it has; each missing field is reported once.
    mutating func missingData(_ field: String, at layoutMark: SourceMark) {
        var mark = meeting.data.mark, known = "", firstMissing = field
        var value: Value? = meeting.data
        for part in Scope.split(field) {
            let index = Int(part)
            let next = index.flatMap { i in value.flatMap { $0.elements.indices.contains(i) ? $0.elements[i] : nil } } ?? value?[part]
            let path = index != nil ? "\(known)[\(part)]" : (known.isEmpty ? part : "\(known).\(part)")
            guard let found = next else { firstMissing = path; break }
            value = found; mark = found.mark; known = path
        }
        guard reportedMissing.insert(firstMissing).inserted else { return }
        errors.append(Diagnostic(at: mark, path: firstMissing,
                                 "the layout `\(layout.name)` prints `\(field)`, which the meeting file does not have",
                                 hint: "add it to the meeting file (`presskit schema` describes every field), or leave `\(layout.name)` out of `documents`",
                                 note: "printed at \(layoutMark)"))
    }

    /// The style a block names, or its kind's default style (`heading`, `list-item`…), else `body`.
    mutating func style(_ value: Value?, default name: String, at mark: SourceMark, path: String) -> ParagraphStyle {
        if let named = value?.text {
            do { return try styles.style(named, at: value!.mark, path: path) } catch let d as Diagnostic { errors.append(d) } catch {
                errors.append(Diagnostic(at: value!.mark, path: path, "\(error)"))
            }
            return ParagraphStyle()
        }
        if let style = styles.styles[name] { return style }
        // A block asks for its kind's style by name (a caption, a note…): one the layout lacks is an error,
        // not the body's look given without a word.
        if name != "body", reportedMissingStyles.insert(name).inserted {
            errors.append(Diagnostic(at: mark, path: path, "the layout has no style `\(name)`, which this block sets its text in",
                                     hint: "add a style `\(name)` to the layout's styles (it may be `{based-on: body}`), or name another one"))
        }
        return styles.styles["body"] ?? ParagraphStyle()
    }

    /// Makes a paragraph from layout text: interpolate, parse Markdown, set typography, apply the style.
    mutating func paragraph(_ text: Value, styleName: Value?, defaultStyle: String, role: StructureRole,
                            scope: Scope, path: String, language: String? = nil) -> Paragraph? {
        let used = Template.FieldUse()
        guard let markdown = expand(text, scope: scope, path: path, used: used) else { return nil }
        var unprinted: [InlineMarkdown.Unprinted] = []
        var runs = InlineMarkdown.runs(markdown) { unprinted.append($0) }
        if let language { for i in runs.indices where runs[i].language == nil { runs[i].language = language } }
        for problem in unprinted {
            let (mark, field) = source(of: text, scope: scope) ?? (text.mark, path)
            errors.append(Diagnostic(at: mark, path: field, problem.message, hint: problem.hint))
        }
        let place = source(of: text, scope: scope)
        let sources = used.fields.compactMap { field in field.value.text.map { FieldSource(path: field.path, mark: field.value.mark, text: $0) } }
        // A text that is a single field is reported at the field, in the data file.
        if let (mark, field) = place {
            return styled(runs, styleName: styleName, defaultStyle: defaultStyle, role: role, mark: mark, field: scope.dataPath(field),
                          origin: "the text of \(scope.dataPath(field))", styleMark: text.mark, stylePath: path, sources: sources)
        }
        return styled(runs, styleName: styleName, defaultStyle: defaultStyle, role: role, mark: text.mark, field: path,
                      origin: "\(text.mark.file):\(text.mark.line)", styleMark: text.mark, sources: sources)
    }

    /// Makes a paragraph of parsed runs: links checked, typography set per language, the style applied.
    mutating func styled(_ runs: [TextRun], styleName: Value?, defaultStyle: String, role: StructureRole, mark: SourceMark,
                         field: String, origin: String, styleMark: SourceMark, stylePath: String? = nil, sources: [FieldSource] = []) -> Paragraph? {
        // A passage marked in the document's own language is no passage apart.
        var runs = runs.map { run in var r = run; if r.language == meeting.language { r.language = nil }; return r }
        // Only web, mail and telephone links go into a document sent to journalists.
        for run in runs {
            if let link = run.link, let problem = SchemaValidator.check(link, .url) {
                errors.append(Diagnostic(at: mark, path: field, "the link \"\(link)\" is not allowed", hint: problem))
            }
        }
        let texts = typeset(runs)
        let upper = styles.uppercase.contains(styleName?.text ?? defaultStyle)
        for i in runs.indices {
            runs[i].content = .text(upper && runs[i].link == nil ? TextCase.upper(texts[i], language: runs[i].language ?? meeting.language) : texts[i])
        }
        runs = Self.pageFields(runs)
        guard runs.contains(where: { !$0.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) }) else { return nil }
        let st = style(styleName, default: defaultStyle, at: styleMark, path: stylePath ?? field)
        var p = Paragraph(runs: runs, style: st, language: meeting.language, origin: origin, role: role)
        let printed = runs.map(\.text).joined()
        // Searched as bytes: the names and the text are both NFC (the loader composes every text).
        p.names = ByteSearch.contained(boundNameBytes, in: printed).map { boundNames[$0] }
        p.sources = sources
        p.mark = mark
        p.field = field
        return p
    }

    /// The printed text of each run: the typography of its own language (a passage marked `{lang=en}`
    /// inside French text gets no French spaces), personal names bound.
    func typeset(_ runs: [TextRun]) -> [String] {
        var out: [String] = []
        var start = 0
        while start < runs.count {
            let language = runs[start].language ?? meeting.language
            var end = start + 1
            while end < runs.count, (runs[end].language ?? meeting.language) == language { end += 1 }
            out += Typography(language: language, names: names).apply(runs[start..<end].map(\.text))
            start = end
        }
        return out
    }

    /// Where the data of a layout text that is a single field comes from: its mark and path.
    /// Where a problem with a value drawn from the data belongs: the data's own mark and field path (the
    /// meeting file's line, `issuers[0].logo.file`) with the layout's place as a note; the layout's place
    /// when the value is written in the layout itself.
    func place(of text: Value, scope: Scope, path: String) -> (SourceMark, String, String?) {
        guard let (mark, field) = source(of: text, scope: scope), mark.file != text.mark.file else { return (text.mark, path, nil) }
        return (mark, scope.dataPath(field), "used by the layout `\(layout.name)` at \(text.mark)")
    }

    func source(of text: Value, scope: Scope) -> (SourceMark, String)? {
        let raw = text.text ?? ""
        guard raw.hasPrefix("{"), raw.hasSuffix("}"), raw.dropFirst().firstIndex(of: "{") == nil,
              let field = raw.dropFirst().dropLast().split(separator: "|").first?.trimmingBlanks(),
              let value = scope.lookup(field) else { return nil }
        return (value.mark, field)
    }

    /// Splits runs at page-field markers into page-number and page-count runs.
    static func pageFields(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs {
            // The markers are private-use scalars, whose UTF-8 starts with 0xEE: most text has no such byte.
            guard case .text(let s) = run.content, s.containsByte(0xEE), s.unicodeScalars.contains(where: Template.markerScalars.contains) else {
                out.append(run); continue
            }
            var buffer = ""
            for c in s {
                if c == Template.pageMarker || c == Template.pagesMarker {
                    if !buffer.isEmpty { var r = run; r.content = .text(buffer); out.append(r); buffer = "" }
                    var r = run; r.content = c == Template.pageMarker ? .pageNumber : .pageCount; out.append(r)
                } else { buffer.append(c) }
            }
            if !buffer.isEmpty { var r = run; r.content = .text(buffer); out.append(r) }
        }
        return out
    }

    mutating func blocks(_ list: Value?, scope: Scope, path: String) -> [Block] {
        guard let list else { return [] }
        var out: [Block] = []
        for (i, item) in list.elements.enumerated() {
            guard case .map(let pairs) = item.kind, let (kind, spec) = pairs.first else { continue }
            out += block(kind, spec, scope: scope, path: "\(path)[\(i)].\(kind)")
        }
        return out
    }
}
