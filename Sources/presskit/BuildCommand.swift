import ArgumentParser
import Foundation
import PressKit

/// `presskit build`.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the PDFs of a meeting file.",
        discussion: """
        Writes OUT/<meeting folder>/<layout>.<language>.pdf for every layout the meeting file lists under \
        `documents` and every language under `languages`.

        Nothing is written unless every document builds; files are replaced atomically, so a failed build \
        leaves the previous PDFs as they were.

        Set SOURCE_DATE_EPOCH for byte-identical output.
        """)

    @Argument(help: "The meeting file (YAML or JSON).")
    var meeting: String

    @OptionGroup var options: BuildOptions

    @Flag(help: "Print each document's typographic report (overfull, loose and tight lines, hyphen runs, widows, orphans, spacing faults, rules relaxed); with --format json it is in each file's entry.")
    var report = false

    @Flag(help: "Rebuild every document, even those whose inputs have not changed.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print nothing but warnings and errors.")
    var quiet = false

    @Option(help: "Output format: text, or json (files, pages, sizes, times, reports).")
    var format: OutputFormat = .text

    /// Builds, prints what was written (or, with --format json, the summary), and exits 1 with the errors when the build fails.
    func run() throws {
        let start = Date()
        do {
            let home = try ToolHome.locate()
            let fixed = try BuildRequest.sourceDateIfSet()
            var request = try options.request(meeting: meeting, created: fixed ?? Date())
            request.incremental = !force
            request.dateIsFixed = fixed != nil
            let pipeline = Pipeline(home: home)
            // A one-shot process leaves its caches (fonts, shaped words, Pango's objects) to the exit, which
            // frees them all at once, rather than taking them apart one by one first.
            _ = Unmanaged.passRetained(pipeline)
            // A progress line on an interactive terminal, for builds of more than a few documents.
            let interactive = isatty(2) != 0 && !quiet && format == .text
            if interactive {
                pipeline.progress = { done, total in
                    guard total > 3 else { return }
                    FileHandle.standardError.write(Data("\u{1B}[2K[\(done)/\(total)] rendering…\r".utf8))
                }
            }
            let files = try pipeline.build(request)
            if interactive { FileHandle.standardError.write(Data("\u{1B}[2K".utf8)) }
            let warnings = files.allWarnings
            if !warnings.isEmpty { printDiagnostics(warnings) }
            show(files.files, warnings: warnings, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        } catch let e as DiagnosticError {
            try fail(e.diagnostics, summary: true, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        } catch let e where !(e is ExitCode) {
            try fail([Diagnostic(at: .commandLine, ErrorMessage.line(e))], summary: false, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        }
    }

    /// Prints what was built: a line per file, or the JSON summary.
    func show(_ files: [BuiltFile], warnings: [Diagnostic], milliseconds elapsed: Int) {
        let written = files.filter { !$0.unchanged }.count
        switch format {
        case .json:
            print(BuildSummary(files: files.map(BuildSummary.File.init), written: written, unchanged: files.count - written,
                               milliseconds: elapsed, errors: [], warnings: warnings.map(DiagnosticRecord.init)).json)
        case .text:
            if !quiet {
                for f in files {
                    let path = LayoutLibrary.display(f.file)
                    if f.unchanged { print("unchanged \(path)  \(f.pages) page\(f.pages == 1 ? "" : "s")") }
                    else { print("wrote \(path)  \(f.pages) page\(f.pages == 1 ? "" : "s")  \(f.bytes / 1024) KB  \(Int(f.seconds * 1000)) ms") }
                }
                if written == 0 && !files.isEmpty { print("nothing changed: no file written (\(elapsed) ms)") }
                else { print("built \(written) file\(written == 1 ? "" : "s"), \(files.count - written) unchanged, in \(elapsed) ms") }
            }
            if report { for f in files { print(f.report.summary) } }
        }
    }

    /// Prints why the build failed (on standard error, and with --format json as JSON on standard output), then exits 1.
    func fail(_ diagnostics: [Diagnostic], summary: Bool, milliseconds: Int) throws -> Never {
        printDiagnostics(diagnostics, summary: summary)
        if format == .json {
            let records = diagnostics.map(DiagnosticRecord.init)
            print(BuildSummary(files: [], written: 0, unchanged: 0, milliseconds: milliseconds,
                               errors: records.filter { $0.severity == "error" }, warnings: records.filter { $0.severity != "error" }).json)
        }
        throw ExitCode(1)
    }
}
