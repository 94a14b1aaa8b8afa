import ArgumentParser
import Foundation
import PressKit

/// `presskit check`: every problem of a meeting file and its layouts, without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks a meeting file and the layouts it uses, without rendering anything.",
        discussion: """
        Reports every problem in one run, each as file:line:column: error|warning: field: message, with the \\
        source line, a caret and a hint. Exit status: 0 no error, 1 errors, 2 could not run.
        """)

    @Argument(help: "The meeting file (YAML or JSON).")
    var meeting: String

    @Option(help: "Output format: text, or json for editors and CI.")
    var format: OutputFormat = .text

    func run() throws {
        let home: ToolHome
        do { home = try ToolHome.locate() } catch let e as DiagnosticError { printDiagnostics(e.diagnostics); throw ExitCode(2) }
        guard FileManager.default.isReadableFile(atPath: meeting) else {
            printDiagnostics([Diagnostic(at: .file(meeting), "cannot read the file", hint: "check the path")])
            throw ExitCode(2)
        }
        let pipeline = Pipeline(home: home)
        var diagnostics: [Diagnostic] = []
        do {
            diagnostics = try pipeline.check(BuildRequest(meetingPath: meeting))
        } catch let e as DiagnosticError {
            diagnostics = e.diagnostics
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        switch format {
        case .json: print(diagnosticsJSON(diagnostics))
        case .text:
            if diagnostics.isEmpty { print("\(meeting): no problem found") } else { printDiagnostics(diagnostics, summary: false) }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

/// Text or JSON output.
enum OutputFormat: String, ExpressibleByArgument { case text, json }

/// Diagnostics as a JSON array, for editors and CI.
func diagnosticsJSON(_ diagnostics: [Diagnostic]) -> String {
    let objects: [[String: Any]] = diagnostics.map { d in
        var o: [String: Any] = ["file": d.mark.file, "line": d.mark.line, "column": d.mark.column,
                                "severity": d.severity.rawValue, "path": d.path, "message": d.message]
        if let hint = d.hint { o["hint"] = hint }
        return o
    }
    let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}
