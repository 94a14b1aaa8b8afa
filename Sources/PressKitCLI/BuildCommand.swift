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

    @Argument(help: "The meeting file (YAML or JSON), or - for standard input (the current folder is then the meeting's folder).")
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

    @Flag(help: "Open what was built in the desktop's PDF viewer (xdg-open).")
    var open = false

    @Option(help: "What to write: pdf; html (the web version of the communiqué, article and media advisory, with its stylesheet and images); png (each page as a picture, see --dpi); social-card (a 1200 × 630 picture for a post).")
    var to: OutputKind = .pdf

    @Option(help: "The resolution of --to png pages, in dots per inch.")
    var dpi: Double = 150

    enum OutputKind: String, ExpressibleByArgument, CaseIterable { case pdf, html, png, socialCard = "social-card" }

    /// Builds, prints what was written (or, with --format json, the summary), and exits 1 with the errors when the build fails.
    func run() throws {
        let start = Date()
        if options.output == "-" { return try buildToStandardOutput() }
        if to != .pdf { return try buildPictureOrPage() }
        do {
            let home = try ToolHome.locate()
            let fixed = try BuildRequest.sourceDateIfSet()
            var request = try options.request(meeting: StandardInput.meetingPath(meeting), created: fixed ?? Date())
            request.incremental = !force && meeting != "-"
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
            if open { openBuilt(files.files.map(\.file)) }
        } catch let e as DiagnosticError {
            try fail(e.diagnostics, summary: true, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        } catch let e where !(e is ExitCode) {
            try fail([Diagnostic(at: .commandLine, ErrorMessage.line(e))], summary: false, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        }
    }

    /// `--to html`, `--to png`, `--to social-card`: the web version, the pages as pictures, or the social card.
    func buildPictureOrPage() throws {
        let start = Date()
        do {
            let home = try ToolHome.locate()
            let fixed = try BuildRequest.sourceDateIfSet()
            var request = try options.request(meeting: StandardInput.meetingPath(meeting), created: fixed ?? Date())
            request.dateIsFixed = fixed != nil
            let pipeline = Pipeline(home: home)
            let written: [URL]
            let warnings: [Diagnostic]
            switch to {
            case .html: (written, warnings) = try pipeline.web(request)
            case .png:
                guard dpi >= 10, dpi <= 1200 else {
                    throw DiagnosticError(Diagnostic(at: .commandLine, "--dpi \(dpi) is out of range", hint: "give 10 to 1200 dots per inch, e.g. --dpi 150"))
                }
                (written, warnings) = try pipeline.pictures(request, dpi: dpi)
            case .socialCard: (written, warnings) = try pipeline.socialCards(request)
            case .pdf: return
            }
            if !warnings.isEmpty { printDiagnostics(warnings) }
            // The pages and pictures themselves: a web page's stylesheet and images go with it unnamed.
            let made = written.filter { $0.pathExtension != "css" && !$0.path.contains("/images/") }
            if !quiet {
                for file in made { print("wrote \(LayoutLibrary.display(file))") }
                print("built \(written.count) file\(written.count == 1 ? "" : "s") in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            }
            if open { openBuilt(made) }
        } catch let e as DiagnosticError {
            try fail(e.diagnostics, summary: true, milliseconds: Int(Date().timeIntervalSince(start) * 1000))
        }
    }

    /// `--open`: hands `files` to the desktop's viewer; without one, a warning (the files are built either way).
    func openBuilt(_ files: [URL]) {
        guard let problem = Opener.open(files) else { return }
        printDiagnostics([Diagnostic(.warning, at: .commandLine, problem, hint: "install xdg-utils (apt-get install xdg-utils), or open the files yourself")],
                         summary: false)
    }

    /// `--out -`: builds the one document asked for in a folder of its own and writes its PDF to standard
    /// output (nothing else goes there: messages go to standard error). More than one document is refused.
    func buildToStandardOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("presskit-stdout-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let home = try ToolHome.locate()
            let fixed = try BuildRequest.sourceDateIfSet()
            var request = try options.request(meeting: StandardInput.meetingPath(meeting), created: fixed ?? Date())
            request.outputFolder = folder
            request.incremental = false
            request.dateIsFixed = fixed != nil
            let files = try Pipeline(home: home).build(request)
            guard files.files.count == 1, let file = files.files.first else {
                let names = files.files.map { $0.file.lastPathComponent }
                throw DiagnosticError(Diagnostic(at: .commandLine,
                                                 "--out - writes one PDF to standard output; this build makes \(names.count): \(names.joined(separator: ", "))",
                                                 hint: "choose one document with --layout and --lang, e.g. --layout communique --lang fr"))
            }
            let warnings = files.allWarnings
            if !warnings.isEmpty { printDiagnostics(warnings) }
            FileHandle.standardOutput.write(try Data(contentsOf: file.file))
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            throw ExitCode(1)
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
