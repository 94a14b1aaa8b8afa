import Foundation

/// A validated layout with the partials it includes, ready to be built against a meeting.
public struct Layout {
    public var name: String
    /// The layout file's data, validated against `LayoutSchema.layout`.
    public var data: Value
    public var source: YAMLSource
    /// Partials by name, each validated against `LayoutSchema.partial`.
    public var partials: [String: Value]
    /// The text of each partial file, by name (what a build's fingerprint depends on).
    public var partialSources: [String: String] = [:]
    /// The layout file and its partials' files.
    public var files: [URL] = []
    /// Whether the layout is one of presskit's own (not from the meeting's Layouts/ folder).
    public var isBuiltIn = false
    /// The theme whose tokens it was read with.
    public var theme: Theme?
    public var description: String { data["description"]?.text ?? "" }
}

/// Finds layouts and partials: first in the meeting's own `Layouts/`, then in the tool's.
public struct LayoutLibrary {
    /// Folders searched in order.
    public var folders: [URL]
    /// Records the files read and looked for, for the build cache.
    var inputs: BuildInputs?
    /// The theme whose tokens (`$colors.accent`) layouts and partials are read with.
    public var theme: Theme? { didSet { partialCache = PartialCache() } }
    /// Partials read and validated for one layout, kept for the next that includes them (a meeting's
    /// layouts share their masthead and contact partials); read again with another theme.
    private var partialCache = PartialCache()

    /// A partial's validated data and source text by file, shared by the copies of one library; an entry
    /// serves only the build whose inputs recorded the file when it was read.
    private final class PartialCache: @unchecked Sendable {
        private let lock = NSLock()
        private var loaded: [URL: (data: Value, text: String, inputs: ObjectIdentifier?)] = [:]
        func get(_ url: URL, inputs: BuildInputs?) -> (data: Value, text: String)? {
            lock.withLock { loaded[url].flatMap { $0.inputs == inputs.map(ObjectIdentifier.init) ? ($0.data, $0.text) : nil } }
        }
        func set(_ url: URL, inputs: BuildInputs?, _ entry: (data: Value, text: String)) {
            lock.withLock { loaded[url] = (entry.data, entry.text, inputs.map(ObjectIdentifier.init)) }
        }
    }

    public init(folders: [URL]) { self.folders = folders }

    /// The meeting folder's `Layouts/` (when present) before the built-in folder.
    public init(meetingFolder: URL?, builtIn: URL, inputs: BuildInputs? = nil) {
        var folders: [URL] = []
        if let local = meetingFolder?.appendingPathComponent("Layouts"),
           inputs?.folder(local) ?? FileManager.default.fileExists(atPath: local.path) { folders.append(local) }
        folders.append(builtIn)
        self.folders = folders
        self.inputs = inputs
    }

    /// Names of every layout found, each once (a local layout hides a built-in one).
    public func available() -> [(name: String, file: URL)] {
        var seen = Set<String>(), out: [(String, URL)] = []
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".yaml") {
                let name = String(file.dropLast(5))
                if seen.insert(name).inserted { out.append((name, folder.appendingPathComponent(file))) }
            }
        }
        return out
    }

    /// Names of every partial found, each once.
    func availablePartials() -> [String] {
        Set(folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("partials").path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        }).sorted()
    }

    func locate(_ name: String, in subfolder: String? = nil) -> URL? {
        for folder in folders {
            var url = folder
            if let subfolder { url.appendPathComponent(subfolder) }
            url.appendPathComponent(name + ".yaml")
            if inputs?.exists(url) ?? FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    /// Names of every theme found, each once (a local theme hides a built-in one).
    public func availableThemes() -> [String] {
        Set(folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("themes").path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        }).sorted()
    }

    /// Loads theme `name` from `themes/`, or the theme file `name` names when it ends in `.yaml` (relative
    /// to `base`, the meeting's folder for its `theme:`): one theme shared by several meetings. `mark`
    /// says where it was named (the meeting file's `theme:`).
    public func loadTheme(_ name: String, requestedAt mark: SourceMark? = nil, base: URL? = nil) throws -> Theme {
        if name.hasSuffix(".yaml") {
            let url = URL(fileURLWithPath: name, relativeTo: base).standardizedFileURL
            guard inputs?.exists(url) ?? FileManager.default.fileExists(atPath: url.path) else {
                throw DiagnosticError(Diagnostic(at: mark ?? .file(name), path: mark == nil ? "" : "theme", "no theme file at \(url.path)",
                                                 hint: "a theme is a name of Layouts/themes/ (default, classic) or the path of a theme file, relative to the meeting file"))
            }
            let source = try YAMLSource.read(url.path, displayPath: Self.display(url), inputs: inputs)
            return Theme(name: url.deletingPathExtension().lastPathComponent, source: source,
                         data: try Meeting.validate(source, against: ThemeSchema.theme), file: url)
        }
        guard SchemaValidator.check(name, .identifier) == nil, let url = locate(name, in: "themes") else {
            let known = availableThemes()
            let hint = SchemaValidator.suggestion(for: name, among: known).map { "did you mean `\($0)`?" }
                ?? "themes are files of Layouts/themes/, named without .yaml: " + known.joined(separator: ", ")
            throw DiagnosticError(Diagnostic(at: mark ?? .file(name), path: mark == nil ? "" : "theme", "unknown theme `\(name)`", hint: hint))
        }
        let source = try YAMLSource.read(url.path, displayPath: Self.display(url), inputs: inputs)
        let data = try Meeting.validate(source, against: ThemeSchema.theme)
        return Theme(name: name, source: source, data: data, file: url)
    }

    /// A layout or partial file read, its theme tokens replaced.
    func read(_ url: URL) throws -> YAMLSource {
        var source = try YAMLSource.read(url.path, displayPath: Self.display(url), inputs: inputs)
        guard let theme else { return source }
        var errors: [Diagnostic] = []
        source.root = theme.substitute(source.root, file: source.path, errors: &errors)
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return source
    }

    /// Loads layout `name` and, recursively, every partial it includes.
    /// `mark` and `field` say where the name was asked for (`documents[0]` of the meeting file).
    public func load(_ name: String, requestedAt mark: SourceMark? = nil, field: String = "documents") throws -> Layout {
        guard SchemaValidator.check(name, .identifier) == nil, let url = locate(name) else {
            let known = available().map(\.name)
            let hint = SchemaValidator.suggestion(for: name, among: known).map { "did you mean `\($0)`?" }
                ?? "known layouts: " + known.joined(separator: ", ")
            throw DiagnosticError(Diagnostic(at: mark ?? .file(name), path: mark == nil ? "" : field,
                                             "unknown layout `\(name)`", hint: hint))
        }
        let source = try read(url)
        let data = try Meeting.validate(source, against: LayoutSchema.layout)
        var partials: [String: Value] = [:]
        var sources: [String: String] = [:]
        var errors: [Diagnostic] = []
        collectPartials(in: data, into: &partials, sources: &sources, errors: &errors)
        if errors.isEmpty { errors += Self.includeCycles(layout: data, partials: partials) }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        var layout = Layout(name: name, data: data, source: source, partials: partials)
        layout.partialSources = sources
        layout.files = [url] + sources.keys.sorted().compactMap { locate($0, in: "partials") } + (theme.map { [$0.file] } ?? [])
        layout.theme = theme
        layout.isBuiltIn = folders.count > 0 && url.deletingLastPathComponent().standardizedFileURL == folders[folders.count - 1].standardizedFileURL
        return layout
    }

    private func collectPartials(in value: Value, into partials: inout [String: Value], sources: inout [String: String],
                                 errors: inout [Diagnostic]) {
        switch value.kind {
        case .list(let items): for item in items { collectPartials(in: item, into: &partials, sources: &sources, errors: &errors) }
        case .map(let pairs):
            if let include = value["include"], let name = include["partial"]?.text {
                if partials[name] == nil {
                    guard let url = locate(name, in: "partials") else {
                        let known = availablePartials()
                        errors.append(Diagnostic(at: include["partial"]!.mark, path: "include.partial",
                                                 "unknown partial `\(name)`",
                                                 hint: SchemaValidator.suggestion(for: name, among: known).map { "did you mean `\($0)`?" }
                                                    ?? "partials are files in Layouts/partials/, named without .yaml: " + known.joined(separator: ", ")))
                        return
                    }
                    do {
                        let data: Value
                        if let known = partialCache.get(url, inputs: inputs) {
                            data = known.data
                            sources[name] = known.text
                        } else {
                            let source = try read(url)
                            data = try Meeting.validate(source, against: LayoutSchema.partial)
                            partialCache.set(url, inputs: inputs, (data, source.text))
                            sources[name] = source.text
                        }
                        partials[name] = data
                        collectPartials(in: data, into: &partials, sources: &sources, errors: &errors)
                    } catch let error as DiagnosticError {
                        errors += error.diagnostics
                    } catch {
                        errors.append(Diagnostic(at: .file(url.path), "\(error)"))
                    }
                }
            }
            for pair in pairs { collectPartials(in: pair.value, into: &partials, sources: &sources, errors: &errors) }
        default: break
        }
    }

    /// The `include`s written in a layout or partial, with the place of each.
    static func includes(in value: Value) -> [(partial: String, mark: SourceMark)] {
        switch value.kind {
        case .list(let items): return items.flatMap { includes(in: $0) }
        case .map(let pairs):
            var out: [(String, SourceMark)] = []
            if let include = value["include"], let name = include["partial"]?.text { out.append((name, include["partial"]!.mark)) }
            for pair in pairs where pair.key != "include" { out += includes(in: pair.value) }
            return out
        default: return []
        }
    }

    /// Partials that include themselves, directly or through others: each cycle once, at the include that
    /// closes it, naming the chain. Such a layout could never finish.
    static func includeCycles(layout: Value, partials: [String: Value]) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        var done = Set<String>()
        var reported = Set<String>()
        func visit(_ name: String, stack: [String]) {
            guard !done.contains(name), let partial = partials[name] else { return }
            for (target, mark) in includes(in: partial) {
                if let start = (stack + [name]).firstIndex(of: target) {
                    let chain = Array((stack + [name])[start...]) + [target]
                    if reported.insert(chain.sorted().joined(separator: ",")).inserted {
                        errors.append(Diagnostic(at: mark, path: "include.partial",
                                                 "the partial `\(target)` includes itself: " + chain.joined(separator: " → "),
                                                 hint: "a partial cannot lead back to one being included; remove one of these includes"))
                    }
                } else {
                    visit(target, stack: stack + [name])
                }
            }
            done.insert(name)
        }
        for (name, _) in includes(in: layout) { visit(name, stack: []) }
        return errors
    }

    /// A path relative to the working folder when it is below it, for shorter messages.
    /// A path relative to the working folder when below it, for messages.
    public static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }
}

extension Layout {
    /// The meeting fields a layout reads (top-level names: meeting, release, themes…), from its text,
    /// its labels and its partials; loop variables, labels and parameters are not fields.
    public var fieldsUsed: [String] {
        var paths: [String] = []
        var locals: Set<String> = []
        func walk(_ value: Value, key: String?) {
            switch value.kind {
            case .text(let s):
                if ["in", "each", "field"].contains(key ?? "") { paths.append(s) }
                if key == "as" { locals.insert(s) }
                var rest = Substring(s)
                while let open = rest.firstIndex(of: "{") {
                    let after = rest[rest.index(after: open)...]
                    guard let close = after.firstIndex(of: "}") else { break }
                    paths.append(String(after[..<close].split(separator: "|").first ?? "").trimmingBlanks())
                    rest = after[after.index(after: close)...]
                }
            case .list(let items): for item in items { walk(item, key: key) }
            case .map(let pairs): for pair in pairs { walk(pair.value, key: pair.key) }
            default: break
            }
        }
        walk(data, key: nil)
        for partial in partials.values { walk(partial, key: nil) }
        let roots = paths.compactMap { $0.split(separator: ".").first.map { String($0.split(separator: "[").first ?? $0) } }
        let skip: Set<String> = ["label", "param", "page", "pages", "lang", ""]
        return Set(roots).subtracting(skip).subtracting(locals).sorted()
    }
}
