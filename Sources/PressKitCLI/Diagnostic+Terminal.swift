import Foundation
import PressKit

extension SourceMark {
    /// A file as a whole, with no line to point at: printed as `file: error: …`, without a caret.
    static func wholeFile(_ path: String) -> SourceMark { SourceMark(file: path, line: 0, column: 0) }
}

extension Diagnostic {
    /// The form printed on a terminal: with the source line and a caret when the mark has a line; without
    /// line, column or caret when it has none (line 0), and without a file name when it names none.
    func terminalText(source: String?) -> String {
        guard mark.line < 1 else { return rendered(source: source) }
        let place = mark.file.isEmpty ? "" : "\(mark.file): "
        let field = path.isEmpty ? "" : "\(path): "
        var out = "\(place)\(severity.rawValue): \(field)\(message)"
        if let hint { out += "\n  hint: \(hint)" }
        if let note { out += "\n  note: \(note)" }
        return out
    }
}

/// Prints diagnostics to standard error with the source line and a caret, then (when `summary`) the count of errors.
func printDiagnostics(_ diagnostics: [Diagnostic], summary: Bool = true) {
    var sources: [String: String] = [:]
    for d in diagnostics {
        if sources[d.mark.file] == nil, d.mark.line >= 1 {
            sources[d.mark.file] = StandardInput.data(for: d.mark.file).map { String(decoding: $0, as: UTF8.self) }
                ?? (try? String(contentsOfFile: d.mark.file, encoding: .utf8)) ?? ""
        }
        let source = sources[d.mark.file]
        let text = d.terminalText(source: source?.isEmpty == false ? source : nil)
        FileHandle.standardError.write(Data(((Terminal.standardErrorHasColour ? Terminal.coloured(text, severity: d.severity) : text) + "\n").utf8))
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0, summary {
        FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s"); nothing was written.\n".utf8))
    }
}

/// Diagnostics as a JSON array, for editors and CI.
func diagnosticsJSON(_ diagnostics: [Diagnostic]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(diagnostics.map(DiagnosticRecord.init))) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
}
