import ArgumentParser
import Foundation
import PressKit

/// `presskit fonts`.
struct Fonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts",
        abstract: "Lists the font families and faces a meeting's documents can use, where each comes from and the languages it covers.")

    @Argument(help: "A meeting file: its fonts/ folder, its theme and its layouts count (without one: presskit's own fonts and default theme).")
    var meeting: String?

    @OptionGroup var look: LookOptions

    @Flag(name: .customLong("installed"), help: "Also list the families installed on this system: a theme may name any of them.")
    var installed = false

    func run() throws {
        let pipeline = Pipeline(home: try ToolHome.locate())
        var request = meeting.map { BuildRequest(meetingPath: $0) }
        if request != nil { look.apply(to: &request!) }
        if meeting == nil, !look.isEmpty {
            throw ValidationError("--theme and --font-path need a meeting file")
        }
        let report = try pipeline.fontReport(for: request)
        let library = try FontLibrary(sources: report.sources)
        print("Fonts are looked for in: " + report.sources.folders.map { LayoutLibrary.display($0) }.joined(separator: ", ")
              + (report.sources.systemFamilies.isEmpty ? "" : "; installed on the system: " + report.sources.systemFamilies.keys.sorted().joined(separator: ", ")))
        var last = ""
        for face in library.faces() {
            if face.family != last {
                print("\n\(face.family)")
                last = face.family
            }
            let covers = face.languages.isEmpty ? "" : "  covers " + face.languages.joined(separator: " ")
            print("  \(face.style.padding(toLength: 20, withPad: " ", startingAt: 0)) \(LayoutLibrary.display(face.file))\(covers)")
        }
        if let theme = report.theme {
            print("\nTheme `\(theme.name)` (\(theme.source.path)):")
            for (role, value) in theme.data["fonts"]?.pairs ?? [] {
                let face = [value["weight"]?.text, value["italic"]?.text == "true" ? "italic" : nil].compactMap { $0 }.joined(separator: " ")
                print("  $fonts.\(role): \(value["family"]?.text ?? "")\(face.isEmpty ? "" : " (\(face))")")
            }
        }
        if installed {
            print("\nInstalled on this system (a theme may name any of these by family; only that family's files are then used):")
            for family in SystemFonts.families() { print("  \(family)") }
        }
        if !report.problems.isEmpty { throw DiagnosticError(report.problems) }
    }
}
