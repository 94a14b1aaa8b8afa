// Serve: the live preview of `watch --serve`, a local web server (Hummingbird, loopback only) showing every
// document's pages as pictures, updated after each save, with the errors of a broken one.
import Foundation
import PressKit

/// What the preview shows, shared by the watch loop (which changes it after each build) and the server
/// (which reads it for each request): the documents of the last good build, the problems of the last
/// build if it failed, and a counter the browser is told about when it changes.
public final class PreviewState: @unchecked Sendable {
    /// A problem, as the page shows it: where, what, the source line and the hint.
    public struct Problem: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
        public var severity: String
        public var message: String
        public var hint: String?
        public var source: String?
    }

    /// One document of the last good build.
    public struct DocumentEntry: Codable, Sendable, Equatable {
        public var name: String
        public var pages: Int
        /// Page size in points.
        public var width: Double
        public var height: Double
    }

    /// What the page asks for (`/state.json`).
    public struct Snapshot: Codable, Sendable {
        public var meeting: String
        /// Counts the builds whose pages were kept; part of each page's address.
        public var generation: Int
        /// Counts every build, failed or not: what the browser waits for.
        public var builds: Int
        public var builtAt: String
        public var documents: [DocumentEntry]
        public var problems: [Problem]
    }

    private let lock = NSLock()
    /// The pages of the last good build.
    public let pages = PageKeeper()
    private var problems: [Problem] = []
    private var builds = 0
    private var builtAt = ""
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]
    /// Where each place in the meeting file is in its data (`SourceIndex`), as of the last good build.
    private var index = SourceIndex(entries: [:])
    /// The folder the PDFs are written in, and the meeting file.
    public let outputFolder: URL
    public let meetingPath: String
    /// Page pictures already drawn: by generation, document and page.
    private var pictures: [String: Data] = [:]

    public init(meetingPath: String, outputFolder: URL) {
        self.meetingPath = meetingPath
        self.outputFolder = outputFolder
    }

    /// The watch loop built: `problems` empty when it succeeded. Tells every open page.
    public func built(problems diagnostics: [Diagnostic], data: Value?) {
        let problems = diagnostics.map { d -> Problem in
            let text = (try? String(contentsOfFile: d.mark.file, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false)
            let source = text.flatMap { d.mark.line >= 1 && d.mark.line <= $0.count ? String($0[d.mark.line - 1]) : nil }
            return Problem(file: d.mark.file, line: d.mark.line, column: d.mark.column, severity: d.severity.rawValue,
                           message: (d.path.isEmpty ? "" : "\(d.path): ") + d.message, hint: d.hint, source: source)
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let listeners: [AsyncStream<Int>.Continuation] = lock.withLock {
            self.problems = problems
            builds += 1
            builtAt = formatter.string(from: Date())
            if let data { index = SourceIndex(data) }
            pictures = pictures.filter { $0.key.hasPrefix("\(pages.generation)/") }
            return Array(self.listeners.values)
        }
        for listener in listeners { listener.yield(builds) }
    }

    /// What the page shows now.
    public var snapshot: Snapshot {
        lock.withLock {
            let documents = pages.names.compactMap { name -> DocumentEntry? in
                guard let paged = pages.pages(of: name) else { return nil }
                return DocumentEntry(name: name, pages: paged.pages.count, width: paged.template.size.width.pt, height: paged.template.size.height.pt)
            }
            return Snapshot(meeting: URL(fileURLWithPath: meetingPath).lastPathComponent, generation: pages.generation, builds: builds,
                            builtAt: builtAt, documents: documents, problems: problems)
        }
    }

    /// A stream that yields the number of builds after each build, until the page goes away.
    func listen() -> (AsyncStream<Int>, UUID) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        lock.withLock { listeners[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.lock.withLock { _ = self?.listeners.removeValue(forKey: id) } }
        return (stream, id)
    }

    /// Ends every stream (the server is stopping).
    public func finishListeners() {
        let all = lock.withLock { Array(listeners.values) }
        for listener in all { listener.finish() }
    }

    /// The PNG of page `page` (from 1) of the document `name`, at `dpi`; nil when there is no such page.
    func picture(document name: String, page: Int, dpi: Double) throws -> Data? {
        guard let paged = pages.pages(of: name), page >= 1, page <= paged.pages.count else { return nil }
        let key = "\(pages.generation)/\(name)/\(page)/\(dpi)"
        if let known = lock.withLock({ pictures[key] }) { return known }
        let png = try PNGRenderer.render(paged, page: page - 1, dpi: dpi)
        lock.withLock { pictures[key] = png }
        return png
    }

    /// The places on page `page` of `name` that come from the user's files: each item's rectangle (in
    /// points from the top left), its file, line and column, and the data field when it is one.
    func sourceMap(document name: String, page: Int) -> [SourceIndex.Place]? {
        guard let paged = pages.pages(of: name), page >= 1, page <= paged.pages.count else { return nil }
        let index = lock.withLock { self.index }
        return paged.pages[page - 1].items.compactMap { item in
            guard let mark = item.source else { return nil }
            let box = item.bounds
            return SourceIndex.Place(x: box.minX.pt, y: box.minY.pt, width: box.size.width.pt, height: box.size.height.pt,
                                     file: mark.file, line: mark.line, column: mark.column, field: index.field(at: mark))
        }
    }

    /// The PDF of the document `name`, when the last good build made it.
    func pdf(document name: String) -> URL? {
        guard pages.names.contains(name) else { return nil }
        let meetingFolder = URL(fileURLWithPath: meetingPath).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        return outputFolder.appendingPathComponent(meetingFolder).appendingPathComponent("\(name).pdf")
    }
}
