import Foundation
import Yams

/// A data file read from disk and composed into a YAML node tree (JSON is YAML too).
public struct YAMLSource {
    /// Path as shown in messages.
    public var path: String
    public var text: String
    public var root: Node

    /// Largest data or layout file accepted, in bytes.
    public static let maximumSize = 16 << 20

    /// Reads and composes `path`; a syntax error becomes a diagnostic with its line and column.
    /// `inputs` records the file's stamp before reading and the digest of the bytes read.
    public static func read(_ path: String, displayPath: String? = nil, inputs: BuildInputs? = nil) throws -> YAMLSource {
        let shown = displayPath ?? path
        let url = URL(fileURLWithPath: path)
        // A meeting read from standard input (`-`).
        if let data = StandardInput.data(for: path) {
            guard data.count <= maximumSize else {
                throw DiagnosticError(Diagnostic(at: .file(shown), "standard input holds \(data.count) bytes; at most \(maximumSize) are read"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DiagnosticError(Diagnostic(at: .file(shown), "standard input is not UTF-8 text", hint: "give it UTF-8"))
            }
            return try parse(text, path: shown)
        }
        let stamp = FileStamp.of(path)
        if stamp.kind == .file, stamp.size > maximumSize {
            throw DiagnosticError(Diagnostic(at: .file(shown), "the file is \(stamp.size) bytes; at most \(maximumSize) are read"))
        }
        guard let data = try? (inputs.map { try $0.read(url) } ?? Data(contentsOf: url)) else {
            throw DiagnosticError(Diagnostic(at: .file(shown), "cannot read the file",
                                             hint: FileManager.default.fileExists(atPath: path) ? "check its permissions" : "check the path"))
        }
        guard data.count <= maximumSize else {
            throw DiagnosticError(Diagnostic(at: .file(shown), "the file is \(data.count) bytes; at most \(maximumSize) are read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticError(Diagnostic(at: .file(shown), "the file is not UTF-8 text", hint: "save it as UTF-8"))
        }
        // The same bytes under the same name compose to the same tree: a `watch` session reads its layouts
        // again every build (they are inputs) but composes them only when they changed.
        let key = ComposedKey(path: shown, bytes: data)
        if let known = composedLock.withLock({ composed[key] }) { return known }
        let source = try parse(text, path: shown)
        composedLock.withLock {
            if composed.count >= 256 { composed.removeAll() }
            composed[key] = source
        }
        return source
    }

    /// A file's shown path and its bytes: what its composed tree depends on (bytes hash and compare
    /// faster than text, which Swift compares as Unicode).
    private struct ComposedKey: Hashable { var path: String; var bytes: Data }
    nonisolated(unsafe) private static var composed: [ComposedKey: YAMLSource] = [:]
    private static let composedLock = NSLock()

    /// Composes YAML text held in memory.
    public static func parse(_ text: String, path: String) throws -> YAMLSource {
        do {
            // Scalars keep the tag `str`: the schema types every value itself (numbers, dates, booleans,
            // null), so Yams's implicit typing, a regular expression tried on every scalar, is not needed.
            // The encoding is given: Yams's default copies the whole environment to look for an override,
            // for every file (0.6 ms a build).
            guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                throw DiagnosticError(Diagnostic(at: .file(path), "the file is empty"))
            }
            return YAMLSource(path: path, text: text, root: root)
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(for: error, path: path))
        }
    }

    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "malformed YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return Diagnostic(at: SourceMark(file: path, line: mark.line, column: mark.column), message,
                              hint: hint(for: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(at: SourceMark(file: path, line: context.mark.line, column: context.mark.column),
                              "the key\(duplicates.count > 1 ? "s" : "") \(duplicates.joined(separator: ", ")) appear\(duplicates.count > 1 ? "" : "s") twice in one map",
                              hint: "keep one of them")
        case .reader(let problem, let offset, _, _):
            return Diagnostic(at: .file(path), "unreadable text: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return Diagnostic(at: .file(path), "malformed YAML: \(error)")
        }
    }

    static func hint(for problem: String) -> String {
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("mapping values") { return "a value containing `: ` must be quoted" }
        return "check the indentation and quotes on this line and the one before"
    }
}

extension Node.Mapping {
    /// The value of the key written `key`: compared as text, without resolving either side's tag (Yams's
    /// own subscript makes a node of `key` and resolves its tag with a regular expression on every call).
    func member(_ key: String) -> Node? {
        for (k, value) in self { if case .scalar(let s) = k, s.string == key { return value } }
        return nil
    }
}
