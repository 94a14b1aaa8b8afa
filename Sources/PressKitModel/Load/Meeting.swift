import Foundation

/// A validated meeting file: its data tree, the languages and documents it asks for, and where it lives.
public struct Meeting {
    /// The data, as validated against `MeetingSchema.meeting`.
    public var data: Value
    public var source: YAMLSource
    /// The folder of the meeting file: assets and local layouts are found from here.
    public var folder: URL
    /// Name of the meeting folder, used to name the output folder.
    public var name: String
    /// Problems that do not stop a build (invisible control characters in the text).
    public var warnings: [Diagnostic] = []

    package init(data: Value, source: YAMLSource, folder: URL, name: String, warnings: [Diagnostic] = []) {
        self.data = data; self.source = source; self.folder = folder; self.name = name; self.warnings = warnings
    }

    /// Languages to publish, source language first.
    public var languages: [String] { data["languages"]?.elements.compactMap(\.text) ?? [] }
    /// Layout names to build; `communique` when the file names none.
    public var documents: [String] { data["documents"]?.elements.compactMap(\.text) ?? ["communique"] }

    /// The languages the file's translated texts are given in (`{fr: …, en: …}`), whatever `languages` says.
    public var translationLanguages: Set<String> {
        var found = Set<String>()
        func walk(_ value: Value) {
            switch value.kind {
            case .localized(let texts): found.formUnion(texts.keys)
            case .list(let items): items.forEach(walk)
            case .map(let pairs): pairs.forEach { walk($0.value) }
            default: break
            }
        }
        walk(data)
        return found
    }

    /// Listed languages no text of the file is translated into, each reported once at its place in
    /// `languages` (a mistyped code such as `eng` would otherwise give an error per translated field).
    public func untranslatedLanguages() -> [(language: String, diagnostic: Diagnostic)] {
        let translated = translationLanguages
        guard !translated.isEmpty else { return [] }
        let marks = data["languages"]?.elements ?? []
        var out: [(String, Diagnostic)] = []
        for (i, language) in languages.enumerated() where i > 0 && !translated.contains(language) {
            let known = Locale.isoLanguageCodes.contains(language)
            let others = translated.subtracting(languages).sorted()
            // A known code is what the user meant: only an unknown one gets a suggestion.
            let near = known ? nil : SchemaValidator.suggestion(for: language, among: others.isEmpty ? translated.sorted() : others)
                ?? others.first { language.hasPrefix($0) || $0.hasPrefix(language) }
            let message = known ? "no text of the file is translated into \(LanguageNames.english(language)) (\(language))"
                                : "unknown language `\(language)`: no text of the file is translated into it"
            out.append((language, Diagnostic(at: marks[safe: i]?.mark ?? .file(source.path), path: "languages[\(i)]", message,
                                             hint: near.map { "did you mean `\($0)`?" } ?? "add `\(language): …` beside each text, or remove it from `languages`")))
        }
        return out
    }

    /// Reads and validates a meeting file, reporting every problem of the file at once.
    /// `inputs`, when given, records what was read for the build cache.
    public static func load(_ path: String, inputs: BuildInputs? = nil) throws -> Meeting {
        let source = try YAMLSource.read(path, inputs: inputs)
        var warnings: [Diagnostic] = []
        let validated = try validate(source, against: MeetingSchema.meeting, warnings: &warnings)
        let duplicates = duplicateIDs(in: validated)
        if !duplicates.isEmpty { throw DiagnosticError(duplicates) }
        let (resolved, unknown) = resolveReferences(in: validated)
        let (data, unnamed) = namePeople(in: resolved)
        let (complete, unled) = nameDelegations(in: data)
        if !(unknown + unnamed + unled).isEmpty { throw DiagnosticError(unknown + unnamed + unled) }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent()
        var meeting = Meeting(data: complete, source: source, folder: folder, name: folder.lastPathComponent)
        meeting.warnings = warnings
        return meeting
    }

    /// The lists whose items are named by `id`, and a second item with an id already taken in each.
    static func duplicateIDs(in data: Value) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for list in ["sections", "photos", "people", "organisations"] {
            var seen: [String: SourceMark] = [:]
            for (i, item) in (data[list]?.elements ?? []).enumerated() {
                guard let idValue = item["id"], let id = idValue.text else { continue }
                if let first = seen[id] {
                    out.append(Diagnostic(at: idValue.mark, path: "\(list)[\(i)].id", "the id `\(id)` is already taken in `\(list)`",
                                          hint: "give each an id of its own: a layout or a text names it by this id", note: "first given at \(first)"))
                } else { seen[id] = idValue.mark }
            }
        }
        return out
    }

    /// Fields that name an entry of a registry by its id: `meeting.hosts` (people), a person's organisation.
    /// In order: a person's organisation is resolved before the person is copied where they are named.
    static let references: [(path: [String], registry: String)] = [(["people", "organisation"], "organisations"), (["meeting", "hosts"], "people"), (["summary", "annexes"], "sections")]

    /// The data with each reference replaced by the entry it names (so a layout prints `{host.name}`), and
    /// an error at each id no entry has.
    static func resolveReferences(in data: Value) -> (Value, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var out = data
        func entry(_ id: Value, in registry: String, path: String) -> Value {
            Self.entry(id, in: registry, of: out, path: path, problems: &problems) ?? id
        }
        func walk(_ value: Value, _ rest: ArraySlice<String>, registry: String, path: String) -> Value {
            switch value.kind {
            case .list(let items):
                return Value(.list(items.enumerated().map { walk($1, rest, registry: registry, path: "\(path)[\($0)]") }), at: value.mark)
            case .map(let pairs) where !rest.isEmpty:
                return Value(.map(pairs.map { pair in
                    pair.key == rest.first! ? (pair.key, walk(pair.value, rest.dropFirst(), registry: registry, path: path.isEmpty ? pair.key : "\(path).\(pair.key)")) : pair
                }), at: value.mark)
            default:
                return rest.isEmpty ? entry(value, in: registry, path: path) : value
            }
        }
        for reference in references { out = walk(out, reference.path[...], registry: reference.registry, path: "") }
        return (out, problems)
    }

    /// The entry of `registry` (`people`, `organisations`, `sections`) whose id `id` gives, or an error at
    /// `id` with the nearest id (or those known).
    static func entry(_ id: Value, in registry: String, of data: Value, path: String, problems: inout [Diagnostic]) -> Value? {
        let entries = data[registry]?.elements ?? []
        guard let name = id.text else { return nil }
        if let found = entries.first(where: { $0["id"]?.text == name }) { return found }
        let ids = entries.compactMap { $0["id"]?.text }
        problems.append(Diagnostic(at: id.mark, path: path, "no entry `\(name)` in `\(registry)`",
                                   hint: SchemaValidator.suggestion(for: name, among: ids).map { "did you mean `\($0)`?" }
                                    ?? "add it to `\(registry)` with `id: \(name)`" + (ids.isEmpty ? "" : " (known: \(ids.joined(separator: ", ")))")))
        return nil
    }

    /// The lists whose items may name a person of `people` by id (`person: cedric-o`), and the fields
    /// the person's entry fills when the item does not give them.
    static let personFields: [(list: String, fills: [(field: String, from: String)])] = [
        ("quotes", [("speaker", "name"), ("role", "role")]), ("statements", [("speaker", "name"), ("role", "role")]),
        ("contacts", [("name", "name")]),
    ]

    /// The data with each quote's, statement's and contact's `person` replaced by their entry and their
    /// name and role filled from it; an error for an unknown id, and for a quote that names no speaker.
    static func namePeople(in data: Value) -> (Value, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var out = data
        for (list, fills) in personFields {
            guard let items = data[list]?.elements, !items.isEmpty else { continue }
            let named = items.enumerated().map { i, item -> Value in
                var item = item
                if let id = item["person"] {
                    guard let person = entry(id, in: "people", of: data, path: "\(list)[\(i)].person", problems: &problems) else { return item }
                    item = item.replacing("person", with: person)
                    for (field, from) in fills where item[field] == nil {
                        if let value = person[from] { item = item.replacing(field, with: value) }
                    }
                }
                if list != "contacts", item["speaker"] == nil {
                    problems.append(Diagnostic(at: item.mark, path: "\(list)[\(i)]", "who said it is not given",
                                               hint: "name them with `person: ID` (an entry of `people`) or `speaker: Name`"))
                }
                return item
            }
            out = out.replacing(list, with: Value(.list(named), at: data[list]!.mark))
        }
        return (out, problems)
    }

    /// The delegations with their organisation and head of delegation filled from the registries:
    /// `name` from the organisation's name, `head` as "Name, role" (per language); an error for an unknown
    /// id, and for a delegation that names no country or no head.
    static func nameDelegations(in data: Value) -> (Value, [Diagnostic]) {
        guard let list = data["delegations"], !list.elements.isEmpty else { return (data, []) }
        var problems: [Diagnostic] = []
        func entry(_ id: Value, in registry: String, path: String) -> Value? {
            Self.entry(id, in: registry, of: data, path: path, problems: &problems)
        }
        /// "Name, role" in every language the role is given in.
        func head(of person: Value) -> Value? {
            guard let name = person["name"] else { return nil }
            guard let role = person["role"] else { return name }
            let names: [String: String], roles: [String: String]
            switch (name.kind, role.kind) {
            case (.text(let n), .text(let r)): return Value(.text("\(n), \(r)"), at: role.mark)
            case (.text(let n), .localized(let r)): names = r.mapValues { _ in n }; roles = r
            case (.localized(let n), .text(let r)): names = n; roles = n.mapValues { _ in r }
            case (.localized(let n), .localized(let r)): names = n; roles = r
            default: return name
            }
            var joined: [String: String] = [:]
            for (language, r) in roles { joined[language] = "\(names[language] ?? names.values.first ?? ""), \(r)" }
            return Value(.localized(joined), at: role.mark)
        }
        let items = list.elements.enumerated().map { i, item -> Value in
            var item = item
            if let id = item["organisation"], let organisation = entry(id, in: "organisations", path: "delegations[\(i)].organisation") {
                item = item.replacing("organisation", with: organisation)
                if item["name"] == nil, let name = organisation["name"] { item = item.replacing("name", with: name) }
            }
            if let id = item["person"], let person = entry(id, in: "people", path: "delegations[\(i)].person") {
                item = item.replacing("person", with: person)
                if item["head"] == nil, let head = head(of: person) { item = item.replacing("head", with: head) }
            }
            if item["name"] == nil || item["head"] == nil, item["organisation"]?.text == nil, item["person"]?.text == nil {
                problems.append(Diagnostic(at: item.mark, path: "delegations[\(i)]",
                                           item["name"] == nil ? "a delegation names no country or organisation" : "a delegation names no head of delegation",
                                           hint: item["name"] == nil ? "give `organisation: ID` (an entry of `organisations`) or `name: …`"
                                                                     : "give `person: ID` (an entry of `people`) or `head: …`"))
            }
            return item
        }
        return (data.replacing("delegations", with: Value(.list(items), at: list.mark)), problems)
    }

    /// Validates a composed file against a schema; throws all diagnostics when it does not conform.
    package static func validate(_ source: YAMLSource, against schema: Schema) throws -> Value {
        var warnings: [Diagnostic] = []
        return try validate(source, against: schema, warnings: &warnings)
    }

    /// Validates, keeping warnings apart: only errors stop.
    static func validate(_ source: YAMLSource, against schema: Schema, warnings: inout [Diagnostic]) throws -> Value {
        try SchemaValidator.checkSize(source)
        var validator = SchemaValidator(file: source.path)
        validator.parallel = true
        let value = validator.validate(source.root, schema, path: "")
        let errors = validator.diagnostics.filter { $0.severity == .error }
        warnings = validator.diagnostics.filter { $0.severity == .warning }
        if let value, errors.isEmpty { return value }
        throw DiagnosticError(validator.diagnostics)
    }
}
