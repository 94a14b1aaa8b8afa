import ArgumentParser
import Foundation
import PressKit

/// `presskit translations` and `presskit translations confirm`.
struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Shows missing and stale translations, and confirms translations once checked.",
        discussion: """
        The first language of the meeting file is the source. `presskit translations FILE` lists, per language, \
        the fields with no translation and those confirmed against a source text that has changed since. \
        `presskit translations confirm FILE [FIELD…]` records that the translations of those fields (all when none \
        is named) match today's source text, in FILE's `.translations.yaml` beside it.
        """,
        subcommands: [Status.self, Confirm.self],
        defaultSubcommand: Status.self)

    /// `presskit translations FILE`: missing, stale and unconfirmed translations per language.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Lists missing and stale translations (exit 1 when there are any).")
        @Argument(help: "The meeting file.") var meeting: String

        /// Prints the status per language; exits 1 when a translation is missing or stale.
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

    /// `presskit translations confirm FILE [FIELD…]`: records translations as checked.
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Records that translations match today's source text.")
        @Argument(help: "The meeting file.") var meeting: String
        @Argument(help: "Field paths to confirm, e.g. lead themes[0]; all translated fields when none.") var fields: [String] = []
        @Option(name: .customLong("lang"), help: "Only these languages: --lang en,de or --lang en --lang de.") var languages: [String] = []

        /// Records the fields' translations as matching today's source text; refuses (with a suggestion) a path no field has.
        func run() throws {
            do {
                let m = try Meeting.load(meeting)
                let ledger = try TranslationLedger.load(for: meeting)
                let status = TranslationStatus(m, ledger: ledger)
                let unknown = fields.filter { f in !status.sourcePrints.keys.contains { $0 == f || $0.hasPrefix(f + ".") || $0.hasPrefix(f + "[") } }
                guard unknown.isEmpty else {
                    let known = FieldSuggestion.paths(status.sourcePrints.keys)
                    printDiagnostics(unknown.map { field in
                        Diagnostic(at: .wholeFile(meeting), path: field, "no translated field has this path",
                                   hint: FieldSuggestion.nearest(field, in: known).map { "did you mean \($0)?" }
                                       ?? "paths look like lead, themes[0].title, quotes[0]")
                    })
                    throw ExitCode(1)
                }
                let updated = status.confirming(fields, languages: CommaList.values(languages), in: ledger)
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
