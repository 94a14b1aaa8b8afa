import Foundation
import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

final class BundleMarker {}

/// Paths and helpers shared by the test layers.
enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Tests/PressKitTests/Fixtures")
    static let example = repository.appendingPathComponent("Examples/g7-numerique-2019/meeting.yaml")
    static let home = ToolHome(root: repository)

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A fresh temporary folder.
    static func temporaryFolder() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("presskit-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to a file in a temporary folder and returns its path.
    static func write(_ text: String, name: String = "meeting.yaml") -> String {
        let url = temporaryFolder().appendingPathComponent(name)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The example meeting file with `replacing` swapped for `with`, in a temporary folder that also
    /// holds the example's own images.
    static func exampleVariant(_ replacing: String, with: String) throws -> String {
        let text = try String(contentsOf: example, encoding: .utf8)
        XCTAssertTrue(text.contains(replacing), "the example no longer contains \(replacing)")
        let folder = exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml")
        try text.replacingOccurrences(of: replacing, with: with).write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// A temporary folder with the example's images (photos) but no meeting file.
    static func exampleFolderCopy() -> URL {
        let folder = temporaryFolder()
        try? FileManager.default.copyItem(at: example.deletingLastPathComponent().appendingPathComponent("photos"),
                                          to: folder.appendingPathComponent("photos"))
        return folder
    }

    /// The diagnostics thrown by `body`, or a failure if it does not throw them.
    static func diagnostics(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> [Diagnostic] {
        do { try body() } catch let e as DiagnosticError { return e.diagnostics } catch {
            XCTFail("unexpected error \(error)", file: file, line: line); return []
        }
        XCTFail("expected diagnostics, got success", file: file, line: line)
        return []
    }

    /// Runs a command and returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    in folder: URL? = nil, input: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let (status, out, err) = try runForBytes(executable, arguments, environment: environment, in: folder, input: input)
        return (status, String(decoding: out, as: UTF8.self), err)
    }

    /// Runs a command with `input` on its standard input; its exit status, standard output as bytes and standard error.
    static func runForBytes(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                            in folder: URL? = nil, input: Data? = nil) throws -> (status: Int32, out: Data, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            let writer = stdin.fileHandleForWriting
            DispatchQueue.global().async { writer.write(input); try? writer.close() }
        }
        // Both pipes are read at once: a child that fills one pipe while the other is read would wait forever.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let done = DispatchSemaphore(value: 0)
        let handle = err.fileHandleForReading
        DispatchQueue.global().async { errors.data = handle.readDataToEndOfFile(); done.signal() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let e = errors.data
        process.waitUntilExit()
        return (process.terminationStatus, o, String(decoding: e, as: UTF8.self))
    }

    /// Compares with `Fixtures/golden/NAME`; RECORD_SNAPSHOTS=1 writes it anew (read it before committing).
    static func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Fixture.folder.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if text != expected {
            let actual = Fixture.repository.appendingPathComponent(".build/golden-failures/\(name)")
            try? FileManager.default.createDirectory(at: actual.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: actual, atomically: true, encoding: .utf8)
            XCTFail("\(name) differs from its golden file; actual output in \(actual.path)", file: file, line: line)
        }
    }

    /// The built `presskit` executable, beside the test bundle.
    static var binary: String {
        let bundle = Bundle(for: BundleMarker.self).bundleURL
        return [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("presskit").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? bundle.appendingPathComponent("presskit").path
    }

    /// Runs the built `presskit` with the repository as its home and a fixed date.
    static func presskit(_ args: [String], in folder: URL? = nil, environment: [String: String] = [:], input: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build the executable first: \(binary)")
        var env = ["PRESSKIT_HOME": repository.path, "SOURCE_DATE_EPOCH": "1557878400"]
        for (k, v) in environment { env[k] = v }
        return try run(binary, args, environment: env, in: folder, input: input)
    }

    /// The objects of a PDF as qpdf reads them (`qpdf --json=2`): object id ("obj:12 0 R") → its value,
    /// strings as "u:text" and names as "/Name".
    static func pdfObjects(_ path: String) throws -> [String: Any] {
        let json = try run(which("qpdf"), ["--json=2", "--json-key=qpdf", path]).out
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let qpdf = root?["qpdf"] as? [Any]
        return (qpdf?[1] as? [String: Any] ?? [:]).compactMapValues { ($0 as? [String: Any])?["value"] ?? ($0 as? [String: Any])?["stream"] }
    }

    /// The structure elements of a PDF (dictionaries with /S), in no particular order.
    static func structureElements(_ path: String) throws -> [[String: Any]] {
        try pdfObjects(path).values.compactMap { $0 as? [String: Any] }.filter { $0["/S"] != nil && ($0["/Type"] == nil || ($0["/Type"] as? String) == "/StructElem") }
    }

    /// The 1-based number of the first line of `path` that contains `needle`.
    static func line(of needle: String, in path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        return try XCTUnwrap(lines.firstIndex { $0.contains(needle) }, needle) + 1
    }

    /// `check` and `build` both refuse the meeting file (exit 1, not a signal) with the same first error;
    /// the messages of `build`.
    static func refused(_ path: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let check = try presskit(["check", path] + extra)
        let build = try presskit(["build", path, "--out", temporaryFolder().path] + extra)
        XCTAssertEqual(check.status, 1, "check: \(check.out)\(check.err)", file: file, line: line)
        XCTAssertEqual(build.status, 1, "build: \(build.err)", file: file, line: line)
        let first = { (text: String) in text.split(separator: "\n").first { $0.contains("error:") }.map(String.init) ?? "" }
        XCTAssertEqual(first(check.err), first(build.err), "check and build disagree", file: file, line: line)
        return build.err
    }

    static func which(_ tool: String) -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return tool
    }
}

extension ShapedLine {
    /// The horizontal extent of the first occurrence of `word` on the line, from its clusters' advance boxes.
    func extent(of word: String) -> (from: Double, to: Double)? {
        for run in runs {
            guard let range = run.text.range(of: word) else { continue }
            let start = run.text.utf8.distance(from: run.text.startIndex, to: range.lowerBound)
            let end = start + word.utf8.count
            var offset = 0
            var from = Double.infinity, to = -Double.infinity
            for box in run.clusterBoxes {
                let bytes = box.text.utf8.count
                if offset < end, offset + bytes > start { from = min(from, box.from.pt); to = max(to, box.to.pt) }
                offset += bytes
            }
            if from <= to { return (from, to) }
        }
        return nil
    }
}
