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
        subcommands: [Build.self, Check.self, Watch.self, Translations.self, Layouts.self, Schema.self, New.self],
        defaultSubcommand: nil)
}

/// Prints diagnostics to standard error with the source line and a caret.
func printDiagnostics(_ diagnostics: [Diagnostic], summary: Bool = true) {
    var sources: [String: String] = [:]
    for d in diagnostics {
        if sources[d.mark.file] == nil { sources[d.mark.file] = (try? String(contentsOfFile: d.mark.file, encoding: .utf8)) ?? "" }
        let source = sources[d.mark.file]
        FileHandle.standardError.write(Data((d.rendered(source: source?.isEmpty == false ? source : nil) + "\n").utf8))
    }
    let errors = diagnostics.filter { $0.severity == .error }.count
    if errors > 0, summary {
        FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s"); nothing was written.\n".utf8))
    }
}
