// CLI: the presskit command line (every subcommand, its options and what it prints), as a library the
// programs presskit and presskit-serve both run.
import ArgumentParser
import Foundation
import PressKit

/// Runs the command line of the process.
public enum CLI {
    public static func main() { PressKitCommand.main() }
}

struct PressKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presskit",
        abstract: "Typesets a meeting's press documents (communiqué, press kit…) as PDF, in every language.",
        discussion: """
        A meeting file (YAML) holds the facts; layouts in Layouts/ say how each document looks.

        Example:  presskit build Examples/g7-numerique-2019/meeting.yaml
        """,
        version: PressKitVersion.current,
        subcommands: [Build.self, Check.self, Watch.self, Query.self, Translations.self, Layouts.self, Fonts.self, Schema.self, New.self,
                      Completions.self, Manual.self],
        defaultSubcommand: nil)

    /// Parses and runs a subcommand; an error that is neither a diagnostic nor the parser's own is printed
    /// as one line (never as a raw error dump) and exits with status 1.
    static func main() {
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            try command.run()
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            Foundation.exit(1)
        } catch let e where String(reflecting: type(of: e)).hasPrefix("ArgumentParser.") {
            exit(withError: e) // exit codes, help, usage and validation errors, as the parser prints them
        } catch {
            FileHandle.standardError.write(Data("error: \(ErrorMessage.line(error))\n".utf8))
            Foundation.exit(1)
        }
    }
}
