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
    @Flag(help: "Show the pages live in a browser: a local web server on 127.0.0.1 whose page updates after each save.")
    var serve = false
    @Option(help: "The preview's port, with --serve (0: any free port).") var port: Int = 8765

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
        if serve { return try runServing(watcher: watcher, pipeline: pipeline) }
        var builds = 0
        repeat {
            builds += 1
            build(with: pipeline)
        } while (maxBuilds.map { builds < $0 } ?? true) && watcher.waitForChange()
    }

    /// `--serve`: the preview's server, in this process when it carries one, else in `presskit-serve`
    /// beside this program, which takes over the process with the same arguments. The web server stays
    /// out of `presskit` itself: every other command starts faster and smaller without it.
    func runServing(watcher: FolderWatcher, pipeline: Pipeline) throws {
        guard let server = PreviewHook.server else {
            let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            let sibling = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("presskit-serve").path
            guard FileManager.default.isExecutableFile(atPath: sibling) else {
                throw ValidationError("the preview's server is the program presskit-serve, which is not beside \(me): build it with `swift build -c release --product presskit-serve`")
            }
            fflush(nil)
            let argv = [sibling] + CommandLine.arguments.dropFirst()
            let cArgs = argv.map { strdup($0) } + [nil]
            execv(sibling, cArgs)
            throw ValidationError("cannot start \(sibling): \(String(cString: strerror(errno)))")
        }
        let request = try options.request(meeting: meeting, created: Date())
        nonisolated(unsafe) let pipeline = pipeline
        nonisolated(unsafe) let watcher = watcher
        let command = self
        try server(meeting, request.outputFolder, port, pipeline, { force in command.build(with: pipeline, force: force) },
                   { watcher.waitForChange() }, maxBuilds)
    }

    /// Builds once (incrementally, unless `force`) and prints what was rebuilt, or the errors and that
    /// the last PDFs were kept. Returns the problems found: errors when the build failed, else warnings.
    @discardableResult
    func build(with pipeline: Pipeline, force: Bool = false) -> [Diagnostic] {
        let start = Date()
        var problems: [Diagnostic] = []
        do {
            var request = try options.request(meeting: meeting, created: try BuildRequest.sourceDate())
            request.incremental = !force
            let files = try pipeline.build(request)
            let written = files.filter { !$0.unchanged }
            for f in written { print("  rebuilt \(f.file.lastPathComponent)  \(f.pages) page\(f.pages == 1 ? "" : "s")") }
            let warnings = files.allWarnings
            if !warnings.isEmpty { printDiagnostics(warnings) }
            problems = warnings
            print("[\(Self.clock())] \(written.count) rebuilt, \(files.count - written.count) unchanged in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        } catch let e as DiagnosticError {
            printDiagnostics(e.diagnostics)
            problems = e.diagnostics
            print("[\(Self.clock())] not built: the previous PDFs are unchanged")
        } catch {
            problems = [Diagnostic(at: .file(meeting), ErrorMessage.line(error))]
            print("[\(Self.clock())] not built: \(ErrorMessage.line(error))")
        }
        fflush(nil)  // every output stream: the build line reaches a pipe at once
        return problems
    }

    /// The time of day, HH:mm:ss, for the line each build prints.
    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}

/// How `watch --serve` serves, given by the program that carries the web server (`presskit-serve`): the
/// meeting file, the output folder, the port, the pipeline, a build (forced or not, returning its
/// problems), the wait for a change (false when watching ends), and --max-builds.
public enum PreviewHook {
    public typealias Server = (_ meeting: String, _ output: URL, _ port: Int, _ pipeline: Pipeline,
                               _ build: @escaping @Sendable (Bool) -> [Diagnostic], _ waitForChange: @escaping @Sendable () -> Bool,
                               _ maxBuilds: Int?) throws -> Void
    /// Set by `presskit-serve`; nil in `presskit`, which hands `watch --serve` to `presskit-serve`.
    nonisolated(unsafe) public static var server: Server?
}
