// The presskit command: parses arguments and calls the PressKit library. Nothing else lives here.
import ArgumentParser
import Foundation
import PressKit

@main
struct PressKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presskit",
        abstract: "Typesets a meeting's press documents (communiqué, press kit…) as PDF, in every language.",
        discussion: """
        A meeting file (YAML) holds the facts; layouts in Layouts/ say how each document looks.
        Example:  presskit build Examples/g7-numerique-2019/meeting.yaml
        """,
        subcommands: [Build.self, Layouts.self, Translations.self],
        defaultSubcommand: nil)
}

/// Prints diagnostics to standard error with the source line and a caret.
func printDiagnostics(_ diagnostics: [Diagnostic]) {
    var sources: [String: String] = [:]
    for d in diagnostics {
        if sources[d.mark.file] == nil { sources[d.mark.file] = (try? String(contentsOfFile: d.mark.file, encoding: .utf8)) ?? "" }
        let source = sources[d.mark.file]
        FileHandle.standardError.write(Data((d.rendered(source: source?.isEmpty == false ? source : nil) + "\n").utf8))
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0 {
        FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s"); nothing was written.\n".utf8))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the PDFs of a meeting file.",
        discussion: """
        Writes OUT/<meeting folder>/<layout>.<language>.pdf for every layout the meeting file lists under
        `documents` and every language under `languages`. Nothing is written unless every document builds;
        files are replaced atomically, so a failed build leaves the previous PDFs as they were.
        Set SOURCE_DATE_EPOCH for byte-identical output.
        """)

    @Argument(help: "The meeting file (YAML or JSON).")
    var meeting: String

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Only these languages (e.g. --lang fr).")
    var languages: [String] = []

    @Option(name: .customLong("layout"), parsing: .upToNextOption, help: "Only these layouts, instead of the file's `documents`.")
    var layouts: [String] = []

    @Option(name: .customLong("out"), help: "Output folder.")
    var output: String = "Dist"

    @Flag(help: "Print each document's typographic report (overfull, loose and tight lines, hyphen runs, widows, orphans, spacing faults, rules relaxed).")
    var report = false

    @Option(name: .customLong("report-format"), help: "Format of the report: text or json.")
    var reportFormat: ReportFormat = .text

    enum ReportFormat: String, ExpressibleByArgument { case text, json }

    @Option(name: .customLong("bilingual"), help: "One PDF in the first two languages: side-by-side, sequential, or none (overrides the meeting file).")
    var bilingual: BilingualMode?

    @Flag(name: .customLong("strict-translations"), help: "Refuse to build when a translation was confirmed against an older source text.")
    var strictTranslations = false

    func run() throws {
        do {
            let home = try ToolHome.locate()
            var request = BuildRequest(meetingPath: meeting, languages: languages.isEmpty ? nil : languages,
                                       layouts: layouts.isEmpty ? nil : layouts,
                                       outputFolder: URL(fileURLWithPath: output), created: try BuildRequest.sourceDate())
            request.strictTranslations = strictTranslations
            request.bilingual = bilingual
            let start = Date()
            let pipeline = Pipeline(home: home)
            let files = try pipeline.build(request)
            let warnings = pipeline.meetingWarnings + files.flatMap(\.warnings)
            if !warnings.isEmpty { printDiagnostics(warnings) }
            for f in files {
                let path = f.file.path.hasPrefix(FileManager.default.currentDirectoryPath + "/")
                    ? String(f.file.path.dropFirst(FileManager.default.currentDirectoryPath.count + 1)) : f.file.path
                print("wrote \(path)  \(f.pages) page\(f.pages == 1 ? "" : "s")  \(f.bytes / 1024) KB  \(Int(f.seconds * 1000)) ms")
            }
            print("built \(files.count) file\(files.count == 1 ? "" : "s") in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            if report {
                switch reportFormat {
                case .text: for f in files { print(f.report.summary) }
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try encoder.encode(files.map(\.report)), as: UTF8.self))
                }
            }
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            throw ExitCode(1)
        }
    }
}

struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Lists the layouts presskit can build.")

    @Argument(help: "A meeting file, to include the layouts of its own Layouts/ folder.")
    var meeting: String?

    func run() throws {
        let home = try ToolHome.locate()
        let folder = meeting.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        let library = LayoutLibrary(meetingFolder: folder, builtIn: home.layouts)
        for (name, file) in library.available() {
            let description = (try? library.load(name))?.description ?? "(does not load: run a build to see why)"
            print("\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(description)  [\(file.path)]")
        }
    }
}

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shows missing and stale translations, and confirms translations once checked.",
        discussion: """
        The first language of the meeting file is the source. `presskit translations FILE` lists, per language, \
        the fields with no translation and those confirmed against a source text that has changed since. \
        `presskit translations confirm FILE [FIELD…]` records that the translations of those fields (all when none \
        is named) match today's source text, in FILE's `.translations.yaml` beside it.
        """,
        subcommands: [Status.self, Confirm.self],
        defaultSubcommand: Status.self)

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists missing and stale translations (exit 1 when there are any).")
        @Argument(help: "The meeting file.") var meeting: String

        func run() throws {
            do {
                let m = try Meeting.load(meeting)
                let status = TranslationStatus(m, ledger: try TranslationLedger.load(for: meeting))
                print(status.summary, terminator: "")
                if !status.missing.isEmpty || !status.stale.isEmpty { throw ExitCode(1) }
            } catch let e as DiagnosticError {
                printDiagnostics(e.diagnostics)
                throw ExitCode(2)
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Records that translations match today's source text.")
        @Argument(help: "The meeting file.") var meeting: String
        @Argument(help: "Field paths to confirm, e.g. lead themes[0]; all translated fields when none.") var fields: [String] = []
        @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Only these languages.") var languages: [String] = []

        func run() throws {
            do {
                let m = try Meeting.load(meeting)
                let ledger = try TranslationLedger.load(for: meeting)
                let status = TranslationStatus(m, ledger: ledger)
                let unknown = fields.filter { f in !status.sourcePrints.keys.contains { $0 == f || $0.hasPrefix(f + ".") || $0.hasPrefix(f + "[") } }
                guard unknown.isEmpty else {
                    printDiagnostics(unknown.map { Diagnostic(at: .file(meeting), path: $0, "no translated field has this path",
                                                              hint: "paths look like lead, themes[0].title, quotes[0]") })
                    throw ExitCode(1)
                }
                let updated = status.confirming(fields, languages: languages.isEmpty ? nil : languages, in: ledger)
                try updated.save(for: meeting)
                let count = updated.confirmed.values.reduce(0) { $0 + $1.count } 
                print("confirmed; \(count) translations on record in \(LayoutLibrary.display(TranslationLedger.file(for: meeting)))")
            } catch let e as DiagnosticError {
                printDiagnostics(e.diagnostics)
                throw ExitCode(2)
            }
        }
    }
}

extension BilingualMode: ExpressibleByArgument {}
