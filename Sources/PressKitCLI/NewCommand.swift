import ArgumentParser
import Foundation
import PressKit

/// `presskit new`: a meeting folder that builds as it is.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Creates a meeting folder with a commented meeting.yaml that builds as it is.",
        discussion: """
        The file's first line points editors to presskit's JSON Schema (by a path relative to the file, so the \
        folder can be shared), so they complete and check fields as you type.
        """)

    @Argument(help: "The folder to create, e.g. sommet-2026.") var name: String

    /// Writes the scaffold into a new folder; refuses to overwrite a meeting file.
    func run() throws {
        do {
            let home = try ToolHome.locate()
            let folder = URL(fileURLWithPath: name).standardizedFileURL
            let file = folder.appendingPathComponent("meeting.yaml")
            if FileManager.default.fileExists(atPath: file.path) {
                printDiagnostics([Diagnostic(at: .file(file.path), "a meeting file is already there", hint: "choose another name; nothing was changed")])
                throw ExitCode(1)
            }
            var text = try String(contentsOf: home.assets.appendingPathComponent("scaffold/meeting.yaml"), encoding: .utf8)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let schema = Self.relativePath(from: folder.resolvingSymlinksInPath(),
                                           to: home.layouts.appendingPathComponent("meeting.schema.json").resolvingSymlinksInPath())
            text = text.replacingOccurrences(of: "{{schema}}", with: schema)
            text = text.replacingOccurrences(of: "{{path}}", with: "\(folder.lastPathComponent)/meeting.yaml")
            try AtomicWriter.write(Data(text.utf8), to: file)
            let typed = (name as NSString).appendingPathComponent("meeting.yaml")
            print("created \(typed)\nnext: presskit build \(typed)")
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            throw ExitCode(2)
        }
    }

    /// The path of `file` relative to `folder`, both absolute, e.g. `../../presskit/Layouts/meeting.schema.json`.
    static func relativePath(from folder: URL, to file: URL) -> String {
        let from = folder.standardizedFileURL.pathComponents, to = file.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}
