import ArgumentParser
import Foundation
import PressKit

/// `presskit new`: a meeting folder that builds as it is.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Creates a meeting folder with a commented meeting.yaml that builds as it is.",
        discussion: "The file's first line points editors to presskit's JSON Schema, so they complete and check fields as you type.")

    @Argument(help: "The folder to create, e.g. sommet-2026.") var name: String

    func run() throws {
        do {
            let home = try ToolHome.locate()
            let folder = URL(fileURLWithPath: name)
            let file = folder.appendingPathComponent("meeting.yaml")
            if FileManager.default.fileExists(atPath: file.path) {
                printDiagnostics([Diagnostic(at: .file(file.path), "a meeting file is already there", hint: "choose another name; nothing was changed")])
                throw ExitCode(1)
            }
            var text = try String(contentsOf: home.assets.appendingPathComponent("scaffold/meeting.yaml"), encoding: .utf8)
            text = text.replacingOccurrences(of: "{{schema}}", with: home.layouts.appendingPathComponent("meeting.schema.json").path)
            text = text.replacingOccurrences(of: "{{path}}", with: file.path)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AtomicWriter.write(Data(text.utf8), to: file)
            print("created \(file.path)\nnext: presskit build \(file.path)")
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            throw ExitCode(2)
        }
    }
}
