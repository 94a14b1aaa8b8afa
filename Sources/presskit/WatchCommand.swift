import ArgumentParser
import Foundation
import PressKit
#if canImport(Glibc)
import Glibc
#endif

/// `presskit watch`: rebuild whenever the meeting file, a layout or an asset changes (inotify).
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuilds whenever the meeting file, a layout or an asset changes.",
        discussion: """
        Builds once, then watches the meeting's folder (its layouts, logos and photos too) and presskit's own \\
        Layouts/ and Assets/. Each save rebuilds what changed and prints what was built and how long it took; \\
        a save that breaks the data prints the errors and leaves the last good PDFs as they were. Stop with Ctrl-C.
        """)

    @Argument(help: "The meeting file.") var meeting: String
    @Option(name: .customLong("out"), help: "Output folder.") var output: String = "Dist"
    @Option(name: .customLong("lang"), help: "Only these languages: --lang fr,en or --lang fr --lang en.") var languages: [String] = []
    @Option(name: .customLong("layout"), help: "Only these layouts (commas or repeats, like --lang).") var layouts: [String] = []
    @Option(name: .customLong("max-builds"), help: "Stop after this many builds (for scripts and tests).") var maxBuilds: Int?

    func run() throws {
        let home: ToolHome
        let outputFolder: URL
        do {
            home = try ToolHome.locate()
            outputFolder = try RequestChecks.outputFolder(output)
        } catch let e as DiagnosticError { printDiagnostics(e.diagnostics, summary: false); throw ExitCode(2) }
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw ValidationError("inotify is not available here") }
        defer { close(fd) }
        let folder = URL(fileURLWithPath: meeting).deletingLastPathComponent()
        let outputPath = URL(fileURLWithPath: output).standardizedFileURL.path
        var watched: [String] = []
        for root in [folder, home.layouts, home.assets] {
            var dirs = [root.standardizedFileURL.path]
            if let walker = FileManager.default.enumerator(atPath: root.path) {
                for case let sub as String in walker where !sub.hasPrefix(".") {
                    let path = root.appendingPathComponent(sub).standardizedFileURL.path
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue, !path.hasPrefix(outputPath) { dirs.append(path) }
                }
            }
            for dir in dirs where !watched.contains(dir) {
                if inotify_add_watch(fd, dir, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE)) >= 0 { watched.append(dir) }
            }
        }
        print("watching \(watched.count) folder\(watched.count == 1 ? "" : "s") for \(meeting)")
        let pipeline = Pipeline(home: home)
        var builds = 0
        func build() {
            builds += 1
            let start = Date()
            do {
                var request = BuildRequest(meetingPath: meeting, languages: CommaList.values(languages),
                                           layouts: CommaList.values(layouts), outputFolder: outputFolder,
                                           created: try BuildRequest.sourceDate())
                request.incremental = true
                let files = try pipeline.build(request)
                let written = files.filter { !$0.unchanged }
                for f in written { print("  rebuilt \(f.file.lastPathComponent)  \(f.pages) page\(f.pages == 1 ? "" : "s")") }
                if !pipeline.meetingWarnings.isEmpty { printDiagnostics(pipeline.meetingWarnings) }
                print("[\(Self.clock())] \(written.count) rebuilt, \(files.count - written.count) unchanged in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            } catch let e as DiagnosticError {
                printDiagnostics(e.diagnostics)
                print("[\(Self.clock())] not built: the previous PDFs are unchanged")
            } catch {
                print("[\(Self.clock())] not built: \(ErrorMessage.line(error))")
            }
            fflush(stdout)
        }
        build()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while maxBuilds.map({ builds < $0 }) ?? true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            if !Self.relevant(buffer, count: n) { continue }
            // Editors save in several steps: wait until the folder is quiet for a moment.
            var quiet = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while poll(&quiet, 1, 150) > 0 { _ = read(fd, &buffer, buffer.count) }
            build()
        }
    }

    /// Whether inotify events name a file worth a rebuild (not our own temporary files or the cache).
    static func relevant(_ buffer: [UInt8], count: Int) -> Bool {
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if !name.hasPrefix("."), !name.hasSuffix(".pdf"), !name.isEmpty { return true }
            offset += header + length
        }
        return false
    }

    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}
