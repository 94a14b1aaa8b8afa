import ArgumentParser
import Foundation
import PressKit

/// `presskit watch`: rebuild whenever the meeting file, a layout or an asset changes (inotify).
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Rebuilds whenever the meeting file, a layout or an asset changes.",
        discussion: """
        Builds once, then watches the meeting's folder (its layouts, logos and photos too, and folders made \
        later, such as a new Layouts/) and presskit's own Layouts/ and Assets/. Each save rebuilds what changed \
        and prints what was built and how long it took; a save that breaks the data prints the errors and \
        leaves the last good PDFs as they were. Stop with Ctrl-C.
        """)

    @Argument(help: "The meeting file.") var meeting: String
    @OptionGroup var options: BuildOptions
    @Option(name: .customLong("max-builds"), help: "Stop after this many builds (for scripts and tests).") var maxBuilds: Int?

    /// Builds once, then again after every change in the watched folders, until --max-builds or Ctrl-C.
    func run() throws {
        let home: ToolHome
        if meeting == "-" || options.output == "-" {
            throw ValidationError("watch reads the meeting file again after each save and writes files: give it a file, not -")
        }
        do {
            home = try ToolHome.locate()
            _ = try options.request(meeting: meeting, created: Date())
        } catch let e as DiagnosticError { printDiagnostics(e.diagnostics, summary: false); throw ExitCode(2) }
        guard let watcher = FolderWatcher(excluding: options.output) else { throw ValidationError("inotify is not available here") }
        for root in [URL(fileURLWithPath: meeting).deletingLastPathComponent(), home.layouts, home.assets] { watcher.watch(tree: root.path) }
        print("watching \(watcher.folders.count) folder\(watcher.folders.count == 1 ? "" : "s") for \(meeting)")
        let pipeline = Pipeline(home: home)
        var builds = 0
        repeat {
            builds += 1
            build(with: pipeline)
        } while (maxBuilds.map { builds < $0 } ?? true) && watcher.waitForChange()
    }

    /// Builds once, incrementally, and prints what was rebuilt, or the errors and that the last PDFs were kept.
    func build(with pipeline: Pipeline) {
        let start = Date()
        do {
            var request = try options.request(meeting: meeting, created: try BuildRequest.sourceDate())
            request.incremental = true
            let files = try pipeline.build(request)
            let written = files.filter { !$0.unchanged }
            for f in written { print("  rebuilt \(f.file.lastPathComponent)  \(f.pages) page\(f.pages == 1 ? "" : "s")") }
            let warnings = files.allWarnings
            if !warnings.isEmpty { printDiagnostics(warnings) }
            print("[\(Self.clock())] \(written.count) rebuilt, \(files.count - written.count) unchanged in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            print("[\(Self.clock())] not built: the previous PDFs are unchanged")
        } catch {
            print("[\(Self.clock())] not built: \(ErrorMessage.line(error))")
        }
        fflush(nil)  // every output stream: the build line reaches a pipe at once
    }

    /// The time of day, HH:mm:ss, for the line each build prints.
    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}
