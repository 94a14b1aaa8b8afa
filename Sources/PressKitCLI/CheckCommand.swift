import ArgumentParser
import Foundation
import PressKit

/// `presskit check`: every problem of a meeting file and its layouts, without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks a meeting file and the layouts it uses, without rendering anything.",
        discussion: """
        Reports every problem in one run, each as file:line:column: error|warning: field: message, with the \
        source line, a caret and a hint, then the count of errors and warnings. Takes build's --lang, --layout, \
        --root, --fallback and --strict-translations, so that what check accepts is what build builds.

        Exit status: 0 no error, 1 errors, 2 could not run.
        """)

    @Argument(help: "The meeting file (YAML or JSON), or - for standard input.")
    var meeting: String

    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("bilingual"), help: "As for build: lay out one PDF in two languages (side-by-side or sequential) and check it.")
    var bilingual: BilingualMode?

    @Option(help: "Output format: text, or json for editors and CI.")
    var format: OutputFormat = .text

    /// Prints every problem, then their count (or, with --format json, the JSON array).
    func run() throws {
        let home: ToolHome
        do { home = try ToolHome.locate() } catch let e as DiagnosticError { printDiagnostics(e.diagnostics); throw ExitCode(2) }
        let meeting = StandardInput.meetingPath(self.meeting)
        guard StandardInput.isStandardInput(meeting) || FileManager.default.isReadableFile(atPath: meeting) else {
            printDiagnostics([Diagnostic(at: .file(meeting), "cannot read the file", hint: "check the path")])
            throw ExitCode(2)
        }
        let pipeline = Pipeline(home: home)
        var diagnostics: [Diagnostic] = []
        do {
            var request = selection.request(meeting: meeting)
            try RequestChecks.bilingual(bilingual, languages: request.languages, meetingPath: meeting)
            request.bilingual = bilingual
            diagnostics = try pipeline.check(request)
        } catch let e as DiagnosticError {
            diagnostics = e.diagnostics
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        switch format {
        case .json: print(diagnosticsJSON(diagnostics))
        case .text:
            if diagnostics.isEmpty { print("\(meeting): no problem found") } else {
                printDiagnostics(diagnostics, summary: false)
                let warnings = diagnostics.count - errors
                print("\(meeting): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

/// Text or JSON output.
enum OutputFormat: String, ExpressibleByArgument { case text, json }
