import Foundation

extension DocumentBuilder {
    /// The blocks one layout entry yields (none, one, or many for loops and includes).
    mutating func block(_ kind: String, _ spec: Value, scope: Scope, path: String) -> [Block] {
        switch kind {
        case "paragraph", "heading":
            let text = spec.text != nil ? spec : spec["text"]!
            let role = kind == "heading" ? "H1" : "P"
            guard var p = paragraph(text, styleName: spec["style"], defaultStyle: kind == "heading" ? "heading" : "body",
                                    role: role, scope: scope, path: path) else { return [] }
            if kind == "heading" { p.style.keepWithNext = true }
            return [.paragraph(p)]
        case "list":
            return list(spec, scope: scope, path: path)
        case "quote":
            guard let text = paragraph(spec["text"]!, styleName: spec["style"], defaultStyle: "quote", role: "BlockQuote",
                                       scope: scope, path: "\(path).text") else { return [] }
            let attribution = spec["attribution"].flatMap {
                paragraph($0, styleName: spec["attribution-style"], defaultStyle: "attribution", role: "P", scope: scope, path: "\(path).attribution")
            }
            return [.quote(text, attribution: attribution)]
        case "columns":
            var columns: [Column] = []
            for (i, col) in spec.elements.enumerated() {
                let width = col["width"]?.text ?? ""
                guard width.hasSuffix("%"), let pct = Double(width.dropLast()), pct > 0, pct <= 100 else {
                    errors.append(Diagnostic(at: col["width"]?.mark ?? col.mark, path: "\(path)[\(i)].width",
                                             "expected a share of the width such as 60%, found \"\(width)\""))
                    continue
                }
                columns.append(Column(fraction: pct / 100, blocks: blocks(col["blocks"], scope: scope, path: "\(path)[\(i)].blocks")))
            }
            return [.columns(columns)]
        case "image":
            return image(spec, scope: scope, path: path).map { [.image($0)] } ?? []
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
                                    spaceBefore: length("space-before", .zero), spaceAfter: length("space-after", .zero)))]
        case "spacer":
            return [.spacer(spec.text.flatMap { Length(parsing: $0) } ?? .zero)]
        case "keep":
            let inner = blocks(spec, scope: scope, path: path)
            return inner.isEmpty ? [] : [.keepTogether(inner)]
        case "page-break":
            if case .boolean(true) = spec.kind { return [.pageBreak] }
            return []
        case "each":
            let source = spec["in"]!.text ?? ""
            guard let list = scope.lookup(source) else { return [] }
            var out: [Block] = []
            for (i, item) in items(of: list).enumerated() {
                var inner = scope
                inner.locals[spec["as"]!.text ?? "item"] = item
                out += blocks(spec["blocks"], scope: inner, path: "\(path)[\(source)[\(i)]]")
            }
            return out
        case "if":
            let field = spec["field"]!.text ?? ""
            let present = scope.lookup(field)?.isTruthy ?? false
            return blocks(present ? spec["blocks"] : spec["else"], scope: scope, path: path)
        case "include":
            let name = spec["partial"]!.text ?? ""
            guard let partial = layout.partials[name] else { return [] }
            var inner = scope
            for (key, value) in StyleSheet.pairs(spec["with"]) {
                if let text = expand(value, scope: scope, path: "\(path).with.\(key)") { inner.params[key] = text }
            }
            return blocks(partial["blocks"], scope: inner, path: "\(name).blocks")
        default:
            return []
        }
    }

    /// Items of a list, or of a map as `{key, value}` pairs (for per-language links).
    func items(of value: Value) -> [Value] {
        switch value.kind {
        case .list(let items): return items
        case .map(let pairs):
            return pairs.map { Value(.map([("key", Value(.text($0.key), at: $0.value.mark)), ("value", $0.value)]), at: $0.value.mark) }
        default: return [value]
        }
    }

    mutating func list(_ spec: Value, scope: Scope, path: String) -> [Block] {
        let source = spec["each"]!.text ?? ""
        guard let list = scope.lookup(source) else { return [] }
        let name = spec["as"]!.text ?? "item"
        let numbered: Bool = { if case .boolean(true)? = spec["numbered"]?.kind { return true }; return false }()
        var items: [(marker: String, paragraph: Paragraph)] = []
        for item in self.items(of: list) {
            var inner = scope
            inner.locals[name] = item
            if let condition = spec["where"]?.text, !(inner.lookup(condition)?.isTruthy ?? false) { continue }
            guard let p = paragraph(spec["text"]!, styleName: spec["style"], defaultStyle: "list-item", role: "LI",
                                    scope: inner, path: "\(path).text") else { continue }
            items.append((numbered ? "\(items.count + 1)." : spec["marker"]?.text ?? "–", p))
        }
        guard !items.isEmpty else { return [] }
        let indent = items[0].paragraph.style.indent.pt > 0 ? items[0].paragraph.style.indent : .mm(6)
        for i in items.indices { items[i].paragraph.style.indent = .zero }
        return [.list(items: items, indent: indent)]
    }

    mutating func image(_ spec: Value, scope: Scope, path: String) -> ImageBlock? {
        guard let name = expand(spec["path"]!, scope: scope, path: "\(path).path") else { return nil }
        let height = spec["height"]?.text.flatMap { Length(parsing: $0) } ?? .mm(20)
        let align = Alignment(rawValue: spec["align"]?.text ?? "left") ?? .left
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            errors.append(Diagnostic(at: spec["path"]!.mark, path: "\(path).path", "the image path \"\(name)\" leaves the project folder",
                                     hint: "give a path relative to the meeting file, e.g. logos/ministere.png"))
            return nil
        }
        guard let file = assetFolders.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            errors.append(Diagnostic(at: spec["path"]!.mark, path: "\(path).path", "no image \"\(name)\"",
                                     hint: "looked in " + assetFolders.map { LayoutLibrary.display($0) }.joined(separator: " and ")))
            return nil
        }
        guard let size = PNGHeader.size(of: file) else {
            errors.append(Diagnostic(at: spec["path"]!.mark, path: "\(path).path", "\"\(name)\" is not a readable PNG image",
                                     hint: "export the image as PNG"))
            return nil
        }
        return ImageBlock(file: file, pixelWidth: size.width, pixelHeight: size.height, height: height, align: align,
                          description: name)
    }
}
