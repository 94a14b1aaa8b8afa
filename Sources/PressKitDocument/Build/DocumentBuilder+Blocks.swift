import Foundation
import PressKitModel

extension DocumentBuilder {
    /// The blocks one layout entry yields (none, one, or many for loops and includes).
    mutating func block(_ kind: String, _ spec: Value, scope: Scope, path: String) -> [Block] {
        switch kind {
        case "paragraph", "heading":
            let text = spec.text != nil ? spec : spec["text"]!
            var level = 1
            if case .integer(let n)? = spec["level"]?.kind { level = min(3, max(1, n)) }
            let role: StructureRole = kind == "heading" ? .heading(level) : .paragraph
            // A paragraph in another language than the document's (the original words of a quote).
            var language: String?
            if let languageSpec = spec["language"], let code = expand(languageSpec, scope: scope, path: "\(path).language") {
                if InlineMarkdown.isLanguage(code) {
                    language = code == meeting.language ? nil : code
                } else {
                    let (mark, field, note) = place(of: languageSpec, scope: scope, path: "\(path).language")
                    errors.append(Diagnostic(at: mark, path: field, "`\(code)` is not a language code", hint: "an ISO 639-1 code: en, fr, de, it…", note: note))
                }
            }
            guard var p = paragraph(text, styleName: spec["style"], defaultStyle: kind == "heading" ? "heading" : "body",
                                    role: role, scope: scope, path: path, language: language) else { return [] }
            if kind == "heading" {
                p.style.keepWithNext = true
                var listed = true
                if case .boolean(false)? = spec["outline"]?.kind { listed = false }
                if listed {
                    let anchor = "h\(headings.count + 1)"
                    p.anchor = anchor
                    headings.append((OutlineEntry(anchor: anchor, level: level, title: p.text.replacingEvery("\u{202F}", with: " ")), p))
                }
            }
            return [.paragraph(p)]
        case "contents":
            // Filled once the whole body is built and every heading is known.
            var marker = Paragraph(runs: [], style: style(spec["style"], default: "contents", at: spec.mark, path: path),
                                   language: meeting.language, role: .contentsEntry)
            if case .integer(let n)? = spec["levels"]?.kind { marker.field = String(n) } else { marker.field = "2" }
            if case .boolean(true)? = spec["leaders"]?.kind { marker.style.leaders = true }
            return [.tableOfContents(entries: [(marker, "", 0)])]
        case "table":
            return table(spec, scope: scope, path: path)
        case "markdown":
            return markdown(spec, scope: scope, path: path)
        case "list":
            return list(spec, scope: scope, path: path)
        case "quote":
            guard let text = paragraph(spec["text"]!, styleName: spec["style"], defaultStyle: "quote", role: .blockQuote,
                                       scope: scope, path: "\(path).text") else { return [] }
            let attribution = spec["attribution"].flatMap {
                paragraph($0, styleName: spec["attribution-style"], defaultStyle: "attribution", role: .paragraph, scope: scope, path: "\(path).attribution")
            }
            return [.quote(text, attribution: attribution)]
        case "columns":
            // A list of columns, or a map with the list under `items` and the gutter and mirroring.
            let list = spec["items"] ?? spec
            let itemsPath = spec["items"] == nil ? path : "\(path).items"
            var columns: [Column] = []
            for (i, col) in list.elements.enumerated() {
                let width = col["width"]?.text ?? ""
                guard width.hasSuffix("%"), let pct = Double(width.dropLast()), pct > 0, pct <= 100 else {
                    errors.append(Diagnostic(at: col["width"]?.mark ?? col.mark, path: "\(itemsPath)[\(i)].width",
                                             "expected a share of the width such as 60%, found \"\(width)\""))
                    continue
                }
                columns.append(Column(fraction: pct / 100, blocks: blocks(col["blocks"], scope: scope, path: "\(itemsPath)[\(i)].blocks")))
            }
            let total = columns.reduce(0) { $0 + $1.fraction }
            if total > 1.0001 {
                errors.append(Diagnostic(at: list.mark, path: itemsPath, "the columns' widths add up to \(Int((total * 100).rounded()))%, more than the width",
                                         hint: "make them add up to 100% or less; a gutter is taken out before the shares"))
            }
            var set = ColumnSet(columns)
            if let gutter = spec["gutter"]?.text.flatMap(Length.init(parsing:)) { set.gutter = gutter }
            if case .boolean(let b)? = spec["mirrored"]?.kind { set.mirrored = b }
            return [.columns(set)]
        case "image":
            guard let picture = image(spec, scope: scope, path: path) else { return [] }
            // A caption is the figure's: kept with it, and tagged inside it in the PDF.
            guard let text = spec["caption"], let caption = paragraph(text, styleName: spec["caption-style"], defaultStyle: "caption",
                                                                      role: .caption, scope: scope, path: "\(path).caption") else { return [.image(picture)] }
            return [.keepTogether([.image(picture), .paragraph(caption)])]
        case "box":
            var box = Box(blocks: blocks(spec["blocks"], scope: scope, path: "\(path).blocks"))
            box.fill = spec["fill"]?.text.flatMap(RGB.init(hex:))
            box.border = spec["border"]?.text.flatMap(RGB.init(hex:))
            box.ruleLeft = spec["rule-left"]?.text.flatMap(RGB.init(hex:))
            if let t = spec["thickness"]?.text.flatMap(Length.init(parsing:)) { box.thickness = t }
            if let p = spec["padding"]?.text.flatMap(Length.init(parsing:)) { box.padding = p }
            box.mark = spec.mark
            return box.blocks.isEmpty ? [] : [.box(box)]
        case "rule":
            let width = spec["width"]?.text ?? "100%"
            var fraction = 1.0, absolute: Length?
            if width.hasSuffix("%"), let pct = Double(width.dropLast()) { fraction = pct / 100 } else if let l = Length(parsing: width) {
                absolute = l
            } else {
                errors.append(Diagnostic(at: spec["width"]!.mark, path: "\(path).width", "expected a length or a share, found \"\(width)\""))
            }
            func length(_ key: String, _ fallback: Length) -> Length { spec[key]?.text.flatMap { Length(parsing: $0) } ?? fallback }
            return [.rule(RuleBlock(width: absolute, fraction: fraction, thickness: length("thickness", .pt(0.5)),
                                    color: spec["color"]?.text.flatMap(RGB.init(hex:)) ?? .black,
                                    spaceBefore: length("space-before", .zero), spaceAfter: length("space-after", .zero), mark: spec.mark))]
        case "spacer":
            if spec.text == "fill" { return [.fill] }
            return [.spacer(spec.text.flatMap { Length(parsing: $0) } ?? .zero)]
        case "keep":
            let inner = blocks(spec, scope: scope, path: path)
            return inner.isEmpty ? [] : [.keepTogether(inner)]
        case "page-break":
            if case .boolean(true) = spec.kind { return [.pageBreak] }
            return []
        case "each":
            let source = spec["in"]!.text ?? ""
            guard let list = listItems(source, named: spec["in"]!, scope: scope, path: "\(path).each.in") else { return [] }
            if parallel, list.count >= Self.parallelItems, let out = eachInParallel(list, spec, scope: scope, path: path, source: source) {
                return out
            }
            return each(list.indices, of: list, spec, scope: scope, path: path, source: source)
        case "if":
            let field = spec["field"]!.text ?? ""
            let present = scope.lookup(field)?.isTruthy ?? false
            return blocks(present ? spec["blocks"] : spec["else"], scope: scope, path: path)
        case "include":
            let name = spec["partial"]!.text ?? ""
            guard let partial = layout.partials[name] else { return [] }
            guard !including.contains(name), including.count < 64 else {
                errors.append(Diagnostic(at: spec["partial"]!.mark, path: "\(path).partial",
                                         "the partial `\(name)` includes itself: " + (including + [name]).joined(separator: " → ")))
                return []
            }
            including.append(name)
            defer { including.removeLast() }
            var inner = scope
            for (key, value) in StyleSheet.pairs(spec["with"]) {
                if let text = expand(value, scope: scope, path: "\(path).with.\(key)") { inner.params[key] = text }
            }
            return blocks(partial["blocks"], scope: inner, path: "\(name).blocks")
        default:
            return []
        }
    }

    /// The blocks of the items `range` of an `each` loop over `list`, in order.
    mutating func each(_ range: Range<Int>, of list: [Value], _ spec: Value, scope: Scope, path: String, source: String) -> [Block] {
        var out: [Block] = []
        for i in range {
            var inner = scope
            inner.locals[spec["as"]!.text ?? "item"] = list[i]
            inner.localPaths[spec["as"]!.text ?? "item"] = scope.dataPath(source) + "[\(i)]"
            out += blocks(spec["blocks"], scope: inner, path: "\(path)[\(source)[\(i)]]")
        }
        return out
    }

    /// The fewest items an `each` loop must have to be built on two threads.
    static let parallelItems = 32

    /// A long `each` loop (a long document's sections) built on two threads: the first half of the items by
    /// this builder's copy, the second half by another copy that does not know what the first half holds,
    /// then joined. The second half's headings were numbered from one: their anchors are numbered again after
    /// the first half's. Nil, with nothing changed, when the halves cannot be joined so: a problem was found
    /// (the loop is then built again in order, for the same messages in the same order), or the second half
    /// continues a numbered list whose last number only the first half knows.
    mutating func eachInParallel(_ list: [Value], _ spec: Value, scope: Scope, path: String, source: String) -> [Block]? {
        let middle = list.count / 2
        var halves = [self, self]
        for k in halves.indices { halves[k].parallel = false }
        halves[1].headings = []
        halves[1].numbering = nil
        // Each thread changes its own builder only, held in a box of its own (two threads changing the
        // elements of one array both access the array: ThreadSanitizer's "Swift access race", and a copy of
        // its storage on write could keep one thread's changes from the other); what builders share (the
        // inputs' record, the image checks, the date and unit tables) is guarded, as when documents are built
        // on every core.
        final class Half: @unchecked Sendable {
            var builder: DocumentBuilder
            init(_ builder: DocumentBuilder) { self.builder = builder }
        }
        let boxes = halves.map(Half.init)
        let built = [[Block]].concurrent(2) { k in
            boxes[k].builder.each(k == 0 ? 0..<middle : middle..<list.count, of: list, spec, scope: scope, path: path, source: source)
        }
        let (first, second) = (boxes[0].builder, boxes[1].builder)
        guard first.errors.count == errors.count, second.errors.count == errors.count, !second.continuedUnknownList else { return nil }
        // "h1"… of the second half, in its order, become the numbers after the first half's.
        var renamed: [String: String] = [:]
        for (j, heading) in second.headings.enumerated() { renamed[heading.entry.anchor] = "h\(first.headings.count + j + 1)" }
        self = first
        for heading in second.headings {
            var entry = heading.entry, paragraph = heading.paragraph
            entry.anchor = renamed[entry.anchor]!
            paragraph.anchor = entry.anchor
            headings.append((entry, paragraph))
        }
        reportedMissingStyles.formUnion(second.reportedMissingStyles)
        reportedMissing.formUnion(second.reportedMissing)
        if let last = second.numbering { numbering = last }
        loopsBuiltInParallel += 1
        return built[0] + Self.renamingAnchors(built[1], renamed)
    }

    /// The blocks with the anchors of their headings renamed (wherever a heading may stand).
    static func renamingAnchors(_ blocks: [Block], _ renamed: [String: String]) -> [Block] {
        guard !renamed.isEmpty else { return blocks }
        return blocks.map { block in
            switch block {
            case .paragraph(var p):
                if let anchor = p.anchor, let new = renamed[anchor] { p.anchor = new }
                return .paragraph(p)
            case .keepTogether(let inner): return .keepTogether(renamingAnchors(inner, renamed))
            case .box(var box): box.blocks = renamingAnchors(box.blocks, renamed); return .box(box)
            case .columns(let set): return .columns(set.mapBlocks { renamingAnchors($0, renamed) })
            default: return block
            }
        }
    }

    /// Replaces each table-of-contents marker with entries for the headings after it, down to its level.
    func fillContents(_ blocks: [Block], headings: [(entry: OutlineEntry, paragraph: Paragraph)]) -> [Block] {
        var seen = 0
        return blocks.map { block in
            if case .paragraph(let p) = block, p.anchor != nil { seen += 1 }
            guard case .tableOfContents(let marker) = block, let style = marker.first?.paragraph else { return block }
            let levels = Int(style.field) ?? 2
            let entries = headings.dropFirst(seen).filter { $0.entry.level <= levels }.map { heading -> (paragraph: Paragraph, anchor: String, level: Int) in
                var p = heading.paragraph
                p.runs = p.runs.map { var r = $0; r.link = nil; return r }
                p.style = style.style
                p.style.keepWithNext = false
                p.role = .contentsEntry
                p.anchor = nil
                return (p, heading.entry.anchor, heading.entry.level)
            }
            return .tableOfContents(entries: entries)
        }
    }

    mutating func table(_ spec: Value, scope: Scope, path: String) -> [Block] {
        let source = spec["each"]!.text ?? ""
        guard let list = listItems(source, named: spec["each"]!, scope: scope, path: "\(path).each") else { return [] }
        let name = spec["as"]!.text ?? "row"
        let columns = spec["columns"]?.elements ?? []
        var fractions: [Double] = []
        var header: [Paragraph] = []
        for (i, column) in columns.enumerated() {
            let width = column["width"]?.text ?? ""
            guard width.hasSuffix("%"), let pct = Double(width.dropLast()), pct > 0, pct <= 100 else {
                errors.append(Diagnostic(at: column["width"]?.mark ?? column.mark, path: "\(path).columns[\(i)].width",
                                         "expected a share of the width such as 40%, found \"\(width)\""))
                return []
            }
            fractions.append(pct / 100)
            header.append(paragraph(column["header"]!, styleName: spec["header-style"], defaultStyle: "table-header", role: .headerCell,
                                    scope: scope, path: "\(path).columns[\(i)].header")
                          ?? Paragraph(runs: [], style: ParagraphStyle(), language: meeting.language, role: .headerCell))
        }
        var rows: [[Paragraph]] = []
        for (k, item) in list.enumerated() {
            var inner = scope
            inner.locals[name] = item
            inner.localPaths[name] = scope.dataPath(spec["each"]!.text ?? "") + "[\(k)]"
            rows.append(columns.enumerated().map { i, column in
                paragraph(column["text"]!, styleName: spec["style"], defaultStyle: "table-cell", role: .dataCell, scope: inner,
                          path: "\(path).columns[\(i)].text")
                    ?? Paragraph(runs: [], style: ParagraphStyle(), language: meeting.language, role: .dataCell)
            })
        }
        guard !rows.isEmpty else { return [] }
        var table = Table(columns: fractions, header: header, rows: rows,
                          headerFill: spec["header-fill"]?.text.flatMap(RGB.init(hex:)) ?? RGB(red: 0.93, green: 0.93, blue: 0.96),
                          ruleColor: spec["rule-color"]?.text.flatMap(RGB.init(hex:)) ?? RGB(red: 0.8, green: 0.8, blue: 0.8),
                          padding: .pt(4))
        table.stripeFill = spec["stripe-fill"]?.text.flatMap(RGB.init(hex:))
        table.mark = spec.mark
        return [.table(table)]
    }

    /// The items `each`, `list` and `table` go through: those of the data list `source`, or of a map as
    /// `{key, value}` pairs (per-language links); nil when the field is absent, or, reported at `spec`, when
    /// it is not a list.
    mutating func listItems(_ source: String, named spec: Value, scope: Scope, path: String) -> [Value]? {
        guard let value = scope.lookup(source) else { return nil }
        switch value.kind {
        case .list(let items): return items
        case .map(let pairs):
            return pairs.map { Value(.map([("key", Value(.text($0.key), at: $0.value.mark)), ("value", $0.value)]), at: $0.value.mark) }
        default:
            errors.append(Diagnostic(at: spec.mark, path: path, "`\(source)` is not a list",
                                     hint: "`each`, `list` and `table` go through the items of a list; to show one field, use a paragraph"))
            return nil
        }
    }

    mutating func list(_ spec: Value, scope: Scope, path: String) -> [Block] {
        let source = spec["each"]!.text ?? ""
        guard let list = listItems(source, named: spec["each"]!, scope: scope, path: "\(path).each") else { return [] }
        let name = spec["as"]!.text ?? "item"
        let numbered: Bool = { if case .boolean(true)? = spec["numbered"]?.kind { return true }; return false }()
        let continues: Bool = { if case .boolean(true)? = spec["continue"]?.kind { return true }; return false }()
        if continues, numbering == nil { continuedUnknownList = true }
        let first = continues ? numbering ?? 0 : 0
        var items: [(marker: String, paragraph: Paragraph)] = []
        for (k, item) in list.enumerated() {
            var inner = scope
            inner.locals[name] = item
            inner.localPaths[name] = scope.dataPath(source) + "[\(k)]"
            if let condition = spec["where"]?.text, !(inner.lookup(condition)?.isTruthy ?? false) { continue }
            guard let p = paragraph(spec["text"]!, styleName: spec["style"], defaultStyle: "list-item", role: .listItem,
                                    scope: inner, path: "\(path).text") else { continue }
            items.append((numbered ? "\(first + items.count + 1)." : spec["marker"]?.text ?? "–", p))
        }
        guard !items.isEmpty else { return [] }
        if numbered { numbering = first + items.count }
        let indent = items[0].paragraph.style.indent.pt > 0 ? items[0].paragraph.style.indent : .mm(6)
        for i in items.indices { items[i].paragraph.style.indent = .zero }
        return [.list(items: items, indent: indent)]
    }

    mutating func image(_ spec: Value, scope: Scope, path: String) -> ImageBlock? {
        guard let name = expand(spec["path"]!, scope: scope, path: "\(path).path") else { return nil }
        let height = spec["height"]?.text.flatMap { Length(parsing: $0) } ?? .mm(20)
        let align = Alignment(rawValue: spec["align"]?.text ?? "left") ?? .left
        // A problem with the file is the data's: named at the meeting file's field, with the layout's line as a note.
        let (mark, field, note) = place(of: spec["path"]!, scope: scope, path: "\(path).path")
        func problem(_ message: String, hint: String) { errors.append(Diagnostic(at: mark, path: field, message, hint: hint, note: note)) }
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            problem("the image path \"\(name)\" leaves the project folder",
                    hint: "give a path relative to the meeting file, e.g. logos/ministere.png, or name another folder with --root DIR")
            return nil
        }
        guard let file = assetFolders.map({ $0.appendingPathComponent(name) })
            .first(where: { inputs?.exists($0) ?? FileManager.default.fileExists(atPath: $0.path) }) else {
            let near = ImageFinder.nearest(to: name, in: assetFolders)
            problem("no image \"\(name)\"", hint: (near.map { "did you mean \"\($0)\"? " } ?? "")
                        + "looked in " + assetFolders.map { LayoutLibrary.display($0) }.joined(separator: " and "))
            return nil
        }
        // Contained: the file, links resolved, must be a regular file inside the folder it was found in.
        let base = assetFolders.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) }!
        let real = file.resolvingSymlinksInPath().path, root = base.resolvingSymlinksInPath().path + "/"
        let stamp = FileStamp.of(real)
        guard real.hasPrefix(root), stamp.kind == .file else {
            problem("the image \"\(name)\" is not a file inside \(LayoutLibrary.display(base))",
                    hint: "a link or a device outside the meeting folder is refused; copy the image into the folder, or name its folder with --root")
            return nil
        }
        // Sizes first: nothing of a file too large is read.
        guard stamp.size <= ImageProbe.maximumBytes else {
            problem("\"\(name)\" is \(stamp.size) bytes; images of at most \(ImageProbe.maximumBytes) bytes are read",
                    hint: "export it smaller: a photo 2,000 pixels across at JPEG quality 85 is well under 2 MB")
            return nil
        }
        let probed = ImageProbe.probe(file)
        if probed == nil, let size = ImageProbe.pixelSize(file), size > ImageProbe.maximumPixels {
            problem("\"\(name)\" has \(size) pixels; at most \(ImageProbe.maximumPixels) are drawn",
                    hint: "export it smaller: 2,000 pixels across is plenty for print")
            return nil
        }
        guard let info = probed else {
            problem("\"\(name)\" is not a readable PNG, JPEG or SVG image", hint: "export it again as PNG or JPEG (photos) or SVG (logos)")
            return nil
        }
        if let damage = ImageIntegrity.damage(file, kind: info.kind, digest: info.kind == .svg ? nil : inputs?.depend(on: file)) {
            problem("\"\(name)\" is damaged: \(damage)", hint: "export or download it again; a partial image would print half a picture")
            return nil
        }
        var alt: String?
        if let altSpec = spec["alt"], let text = expand(altSpec, scope: scope, path: "\(path).alt") {
            alt = text == "decorative" ? nil : plain(text)
        }
        var block = ImageBlock(file: file, kind: info.kind, pixelWidth: info.width, pixelHeight: info.height, height: height,
                               align: align, description: name, alt: alt)
        block.mark = mark
        block.field = field
        block.language = meeting.language
        if let w = spec["width"]?.text {
            if w.hasSuffix("%"), let pct = Double(w.dropLast()) { block.maximumWidth = min(1, pct / 100) } else { block.widest = Length(parsing: w) }
        }
        return block
    }
}
