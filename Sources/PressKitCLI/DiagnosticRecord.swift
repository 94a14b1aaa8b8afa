import PressKit

/// A diagnostic as JSON, for editors and CI: `check --format json` and `build --format json`.
struct DiagnosticRecord: Encodable {
    var file: String, line: Int, column: Int, severity: String, path: String, message: String
    var hint: String?, note: String?

    /// The record of `d`.
    init(_ d: Diagnostic) {
        file = d.mark.file; line = d.mark.line; column = d.mark.column
        severity = d.severity.rawValue; path = d.path; message = d.message; hint = d.hint; note = d.note
    }
}
