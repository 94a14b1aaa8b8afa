import Foundation

/// One problem found in the input: where, which field, what is wrong, and how to fix it.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var mark: SourceMark
    /// Field path in the data, e.g. `contacts[0].email`; empty for file-level problems.
    public var path: String
    public var message: String
    public var hint: String?
    /// Where else the problem shows: the layout line that printed a value of the data.
    public var note: String?

    public init(_ severity: Severity = .error, at mark: SourceMark, path: String = "", _ message: String, hint: String? = nil,
                note: String? = nil) {
        self.severity = severity
        self.mark = mark
        self.path = path
        self.message = message
        self.hint = hint
        self.note = note
    }

    /// A failure of presskit or of a library it drives (Cairo, fontconfig), not of the user's files.
    public static func internalFailure(_ message: String, at mark: SourceMark = .file("presskit")) -> Diagnostic {
        Diagnostic(at: mark, message, hint: "this is a fault of presskit, not of your files: please report it with the meeting file")
    }

    /// `file:line:column: error: path: message`, the one-line form compilers use.
    public var description: String {
        let field = path.isEmpty ? "" : "\(path): "
        return "\(mark): \(severity.rawValue): \(field)\(message)"
    }

    /// The one-line form, followed by the source line, a caret under the column and the hint.
    public func rendered(source: String?) -> String {
        var out = description
        if let source {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line >= 1, mark.line <= lines.count {
                var line = Array(String(lines[mark.line - 1]).replacingOccurrences(of: "\t", with: " "))
                var column = mark.column
                // A long line (a whole paragraph on one line) is shown around the column only.
                if line.count > 120 {
                    let start = max(0, min(column - 1 - 40, line.count - 120))
                    line = (start > 0 ? Array("…") : []) + line[start..<min(line.count, start + 120)] + (start + 120 < line.count ? Array("…") : [])
                    column -= start - (start > 0 ? 1 : 0)
                }
                out += "\n  \(mark.line) | \(String(line))"
                let gutter = String(repeating: " ", count: String(mark.line).count)
                out += "\n  \(gutter) | " + String(repeating: " ", count: max(0, column - 1)) + "^"
            }
        }
        if let hint { out += "\n  hint: \(hint)" }
        if let note { out += "\n  note: \(note)" }
        return out
    }
}

/// A set of problems that stopped a stage; `diagnostics` holds every error found, not only the first.
public struct DiagnosticError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
