import Foundation
import PressKitModel

/// The named styles of a layout and its partials, resolved with `based-on` into paragraph styles.
package struct StyleSheet {
    private var definitions: [String: Value] = [:]
    private(set) var styles: [String: ParagraphStyle] = [:]
    private(set) var uppercase: Set<String> = []

    /// Partial styles first; the layout's own styles of the same name replace them.
    package init(layout: Value, partials: [Value]) throws {
        for partial in partials { for (k, v) in Self.pairs(partial["styles"]) { definitions[k] = v } }
        for (k, v) in Self.pairs(layout["styles"]) { definitions[k] = v }
        var errors: [Diagnostic] = []
        for name in definitions.keys.sorted() {
            do { styles[name] = try resolve(name, chain: []) } catch let d as Diagnostic { errors.append(d) }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
    }

    /// The face each style asks for (family, weight, slant), with where its font is written (or the style,
    /// when it takes its font from the style it is based on), sorted by style name.
    package var faces: [(style: String, family: String, weight: FontWeight, italic: Bool, mark: SourceMark)] {
        styles.keys.sorted().compactMap { name in
            guard let style = styles[name], let def = definitions[name] else { return nil }
            return (name, style.font, style.weight, style.italic, (def["font"]?["family"] ?? def["font"] ?? def).mark)
        }
    }

    /// The text colour, size and weight of each style, with where its colour is written, sorted by name.
    package var colours: [(style: String, color: RGB, size: Length, weight: FontWeight, mark: SourceMark)] {
        styles.keys.sorted().compactMap { name in
            guard let style = styles[name], let def = definitions[name] else { return nil }
            return (name, style.color, style.size, style.weight, (def["color"] ?? def).mark)
        }
    }

    static func pairs(_ value: Value?) -> [(key: String, value: Value)] {
        if case .map(let p)? = value?.kind { return p }
        return []
    }

    /// The style called `name`, or a diagnostic naming the closest one.
    func style(_ name: String, at mark: SourceMark, path: String) throws -> ParagraphStyle {
        if let s = styles[name] { return s }
        let hint = SchemaValidator.suggestion(for: name, among: Array(styles.keys)).map { "did you mean `\($0)`?" }
            ?? "styles: " + styles.keys.sorted().joined(separator: ", ")
        throw Diagnostic(at: mark, path: path, "unknown style `\(name)`", hint: hint)
    }

    private mutating func resolve(_ name: String, chain: [String]) throws -> ParagraphStyle {
        guard let def = definitions[name] else { return ParagraphStyle() }
        var style = ParagraphStyle()
        if let base = def["based-on"]?.text {
            guard definitions[base] != nil else {
                throw Diagnostic(at: def["based-on"]!.mark, path: "styles.\(name).based-on", "unknown style `\(base)`")
            }
            guard !chain.contains(base) else {
                throw Diagnostic(at: def.mark, path: "styles.\(name)", "styles are based on each other in a loop")
            }
            style = try resolve(base, chain: chain + [name])
            if uppercase.contains(base) { uppercase.insert(name) }
        }
        let path = "styles.\(name)"
        func length(_ key: String) -> Length? { def[key]?.text.flatMap { Length(parsing: $0) } }
        if let f = def["font"] {
            // A family, or a theme's typeface for a role: family, weight and slant (the style's own win below).
            if let family = f.text ?? f["family"]?.text { style.font = family }
            if let w = f["weight"]?.text.flatMap(FontWeight.init(rawValue:)) { style.weight = w }
            if case .boolean(let b)? = f["italic"]?.kind { style.italic = b }
        }
        if let v = length("size") {
            let ratio = style.leading.pt / style.size.pt
            style.size = v
            if def["leading"] == nil { style.leading = .pt(v.pt * ratio) }
        }
        if let v = length("leading") { style.leading = v }
        if let w = def["weight"] {
            guard let weight = FontWeight(rawValue: w.text ?? "") else {
                throw Diagnostic(at: w.mark, path: "\(path).weight", "expected light, regular, medium, semibold or bold, found \"\(w.text ?? "")\"")
            }
            style.weight = weight
        }
        if case .boolean(let b)? = def["italic"]?.kind { style.italic = b }
        if let c = def["color"]?.text.flatMap(RGB.init(hex:)) { style.color = c }
        if let a = def["align"] {
            guard let align = Alignment(rawValue: a.text ?? "") else {
                throw Diagnostic(at: a.mark, path: "\(path).align", "expected left, right, center or justify, found \"\(a.text ?? "")\"")
            }
            style.align = align
        }
        if let v = length("space-before") { style.spaceBefore = v }
        if let v = length("space-after") { style.spaceAfter = v }
        if let v = length("indent") { style.indent = v }
        if case .boolean(let b)? = def["keep-with-next"]?.kind { style.keepWithNext = b }
        if let c = def["rule-left"]?.text.flatMap(RGB.init(hex:)) { style.ruleLeft = c }
        if let f = def["features"]?.text { style.features = f }
        if let c = def["link-color"]?.text.flatMap(RGB.init(hex:)) { style.linkColor = c }
        if let t = def["tracking"] {
            guard let text = t.text, text.hasSuffix("em"), let em = Double(text.dropLast(2)), em >= -0.1, em <= 0.5 else {
                throw Diagnostic(at: t.mark, path: "\(path).tracking", "expected a letter-spacing in ems from -0.1em to 0.5em, such as 0.08em, found \"\(t.text ?? "")\"",
                                 hint: "tracking is a share of the type size, so it follows the size: 0.05em to 0.1em suits capitals")
            }
            style.tracking = em
        }
        if case .boolean(let b)? = def["link-underline"]?.kind { style.linkUnderline = b }
        if case .boolean(let b)? = def["small-caps"]?.kind { style.smallCaps = b }
        if let t = def["transform"] {
            switch TextTransform(rawValue: t.text ?? "") {
            case .uppercase?: uppercase.insert(name)
            case .none?: uppercase.remove(name)
            case nil: throw Diagnostic(at: t.mark, path: "\(path).transform", "expected uppercase or none, found \"\(t.text ?? "")\"")
            }
        }
        return style
    }
}
