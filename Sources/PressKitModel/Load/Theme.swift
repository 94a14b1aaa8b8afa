import Foundation
import Yams

/// A house identity: the colours, typefaces, sizes, spacing and settings that layouts and partials name
/// by token (`color: $colors.accent`, `font: $fonts.heading`), so one file changes the look of every
/// document. Themes live in `Layouts/themes/NAME.yaml`, the meeting folder's before presskit's own.
public struct Theme {
    public var name: String
    public var source: YAMLSource
    /// The theme file's data, validated against `ThemeSchema.theme`.
    public var data: Value
    public var file: URL
    /// Each token's node in the theme file ("colors.accent"), found once: layouts name hundreds of tokens.
    private let nodes: [String: Node]

    public init(name: String, source: YAMLSource, data: Value, file: URL) {
        self.name = name; self.source = source; self.data = data; self.file = file
        var nodes: [String: Node] = [:]
        for (group, values) in source.root.mapping ?? [:] {
            guard let group = group.string, let values = values.mapping else { continue }
            for (name, value) in values {
                // The first of two equal names, as a search from the start finds.
                if let name = name.string, nodes["\(group).\(name)"] == nil { nodes["\(group).\(name)"] = value }
            }
        }
        self.nodes = nodes
    }

    /// The name of the theme a meeting file that names none gets.
    public static let defaultName = "default"

    /// A token as written in a layout, `$group.name`: its group and name. A group starts with a letter, a
    /// name with a letter or digit; both are lowercase letters, digits and hyphens.
    static func token(_ text: String) -> (group: String, name: String)? {
        guard text.hasPrefix("$"), let dot = text.firstIndex(of: ".") else { return nil }
        let group = text[text.index(after: text.startIndex)..<dot], name = text[text.index(after: dot)...]
        func word(_ part: Substring, firstIsDigit: Bool) -> Bool {
            guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) || firstIsDigit && ("0"..."9").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        return word(group, firstIsDigit: false) && word(name, firstIsDigit: true) ? (String(group), String(name)) : nil
    }

    /// The groups of tokens a theme holds, in the order a manual lists them.
    public static let groups = ["colors", "fonts", "sizes", "spacing", "settings"]

    /// Every token of the theme (`colors.accent`), sorted.
    public var tokens: [String] {
        Self.groups.flatMap { group in (data[group]?.pairs ?? []).map { "\(group).\($0.key)" } }.sorted()
    }

    /// The theme's node for `group.name` in its own file, if any.
    func node(_ group: String, _ name: String) -> Node? { nodes["\(group).\(name)"] }

    /// `node` with every scalar that is a token (`$colors.accent`) replaced by the theme's value, marked
    /// where the token was written, so a value that does not fit where it is used is reported there.
    /// A token the theme does not have is an error at its place in `file`.
    public func substitute(_ node: Node, file: String, errors: inout [Diagnostic]) -> Node {
        substituted(node, file: file, errors: &errors) ?? node
    }

    /// The node with its tokens replaced, or nil when it holds none: a layout's tree is built again only
    /// where a token stands (most of it holds none; rebuilding all of it took a millisecond a build).
    private func substituted(_ node: Node, file: String, errors: inout [Diagnostic]) -> Node? {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard text.hasPrefix("$") else { return nil }
            let mark = SourceMark(file: file, line: scalar.mark?.line ?? 0, column: scalar.mark?.column ?? 0)
            guard let (g, n) = Self.token(text) else {
                errors.append(Diagnostic(at: mark, "`\(text)` is not a theme token",
                                         hint: "a token is $GROUP.NAME, GROUP one of \(Self.groups.joined(separator: ", ")): e.g. $colors.accent"))
                return nil
            }
            guard let value = self.node(g, n) else {
                // The nearest name of the same group, if one is near: "hilight" → "highlight", not "wheat" → "text".
                let group = g, names = (data[group]?.pairs ?? []).map(\.key)
                let hint = SchemaValidator.suggestion(for: n, among: names).map { "did you mean `$\(group).\($0)`?" }
                    ?? "the theme `\(name)` (\(source.path)) has: " + tokens.map { "$" + $0 }.joined(separator: ", ")
                errors.append(Diagnostic(at: mark, "the theme `\(name)` has no token `\(text)`", hint: hint))
                return nil
            }
            return Self.remarked(value, at: scalar.mark)
        case .mapping(let mapping):
            var pairs: [(Node, Node)]?
            for (i, pair) in mapping.enumerated() {
                let key = substituted(pair.key, file: file, errors: &errors), value = substituted(pair.value, file: file, errors: &errors)
                if pairs == nil, key != nil || value != nil { pairs = mapping.prefix(i).map { ($0.key, $0.value) } }
                pairs?.append((key ?? pair.key, value ?? pair.value))
            }
            return pairs.map { .mapping(Node.Mapping($0, mapping.tag, mapping.style, mapping.mark)) }
        case .sequence(let sequence):
            var items: [Node]?
            for (i, item) in sequence.enumerated() {
                let new = substituted(item, file: file, errors: &errors)
                if items == nil, new != nil { items = Array(sequence.prefix(i)) }
                items?.append(new ?? item)
            }
            return items.map { .sequence(Node.Sequence($0, sequence.tag, sequence.style, sequence.mark)) }
        case .alias:
            return nil
        }
    }

    /// A copy of `node` whose every part is marked at `mark`.
    static func remarked(_ node: Node, at mark: Mark?) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = mark
            return .scalar(scalar)
        case .mapping(let m):
            var copy = Node.Mapping(m.map { (remarked($0.key, at: mark), remarked($0.value, at: mark)) }, m.tag, m.style, m.mark)
            copy.mark = mark
            return .mapping(copy)
        case .sequence(let s):
            var copy = Node.Sequence(s.map { remarked($0, at: mark) }, s.tag, s.style, s.mark)
            copy.mark = mark
            return .sequence(copy)
        case .alias:
            return node
        }
    }

    /// The typeface of each role (`fonts:`), in the file's order, with where it is written.
    public var typefaces: [(role: String, family: String, weight: FontWeight, italic: Bool, mark: SourceMark)] {
        (data["fonts"]?.pairs ?? []).compactMap { role, value in
            guard let family = value["family"]?.text else { return nil }
            var italic = false
            if case .boolean(let b)? = value["italic"]?.kind { italic = b }
            return (role, family, value["weight"]?.text.flatMap(FontWeight.init(rawValue:)) ?? .regular, italic, value.mark)
        }
    }

    /// The font families the theme names, each with where it is named.
    public var families: [(family: String, mark: SourceMark)] {
        (data["fonts"]?.pairs ?? []).compactMap { pair in
            let family = pair.value["family"] ?? pair.value
            return family.text.map { ($0, family.mark) }
        }
    }
}

/// The theme file format.
public enum ThemeSchema {
    /// A typeface for a role: its family, and optionally the weight and slant the role uses.
    public static let font: Schema = .object([
        Field("family", .string(.plain), required: true, "a font family: from the meeting's fonts/, --font-path, Assets/fonts, or installed on the system"),
        Field("weight", .choice(FontWeight.allCases.map(\.rawValue)), "light, regular, medium, semibold or bold (the family must have it)"),
        Field("italic", .boolean),
    ])

    /// A whole theme file.
    public static let theme: Schema = .object([
        Field("description", .string(.plain), required: true, "one line saying whose identity this is"),
        Field("colors", .dictionary(.string(.color)), required: true, "named colours, #RRGGBB: used as $colors.NAME"),
        Field("fonts", .dictionary(font), required: true, "typefaces per role (text, heading, quote, table, label…): used as $fonts.NAME"),
        Field("sizes", .dictionary(.string(.positiveLength)), "type sizes and leadings: used as $sizes.NAME"),
        Field("spacing", .dictionary(.string(.nonNegativeLength)), "spaces, gutters, rule thicknesses: used as $spacing.NAME"),
        Field("settings", .dictionary(.string(.plain)), "other choices a layout reads, e.g. logo-right: true: used as $settings.NAME"),
    ])
}
