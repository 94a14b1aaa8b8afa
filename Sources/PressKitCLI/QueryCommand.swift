import ArgumentParser
import Foundation
import PressKit

/// `presskit query`: prints a value of the meeting data, as a script or a person asks for it.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Prints a value of a meeting file's data.",
        discussion: """
        The meeting file is read and checked as a build reads it (references resolved, people named), then \
        the value at PATH is printed: a text, number, date or true/false as it is, a text in several \
        languages one `language: text` line each, a list or a map as JSON. With --format json every value \
        is printed as JSON. PATH joins keys with dots and gives list positions in brackets, from 0:

          presskit query meeting.yaml title.fr
          presskit query meeting.yaml 'speakers[0].name'
          presskit query meeting.yaml . --format json      (the whole data)

        A meeting file of `-` is read from standard input.
        """)

    @Argument(help: "The meeting file (YAML or JSON), or - for standard input.") var meeting: String
    @Argument(help: "Where the value is: keys joined by dots, list positions in brackets (e.g. speakers[0].name); . for the whole data.")
    var path: String
    @Option(help: "Output format: text, or json.") var format: OutputFormat = .text

    func run() throws {
        do {
            let file = StandardInput.meetingPath(meeting)
            let loaded = try Meeting.load(file)
            let value = try loaded.data.value(at: path == "." ? ValuePath(steps: []) : ValuePath(path))
            print(Self.printed(value, format: format))
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics, summary: false)
            throw ExitCode(1)
        }
    }

    /// A value as `query` prints it.
    static func printed(_ value: Value, format: OutputFormat) -> String {
        if format == .json { return value.json }
        if let text = value.text { return text }
        if case .localized(let texts) = value.kind { return texts.keys.sorted().map { "\($0): \(texts[$0]!)" }.joined(separator: "\n") }
        return value.json
    }
}
