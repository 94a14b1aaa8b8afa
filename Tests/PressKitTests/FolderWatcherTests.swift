import XCTest
import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PressKitCLI

/// `watch`'s wait for a save: what each kind of event makes of a batch, and real saves through inotify.
final class FolderWatcherTests: XCTestCase {
    typealias Batch = FolderWatcher.Batch

    /// The last event on a file decides: a file closed after writing or renamed into place completes a save;
    /// a file made, or removed, leaves it under way (the editor writes or replaces it next).
    func testLastEventDecidesWhetherASaveIsComplete() {
        let close = UInt32(IN_CLOSE_WRITE), movedTo = UInt32(IN_MOVED_TO), create = UInt32(IN_CREATE), delete = UInt32(IN_DELETE)
        XCTAssertEqual(Batch.irrelevant.after(close), .complete)
        XCTAssertEqual(Batch.irrelevant.after(movedTo), .complete)
        XCTAssertEqual(Batch.irrelevant.after(create), .underWay)
        XCTAssertEqual(Batch.irrelevant.after(delete), .underWay)
        // Written, then its backup removed: under way until quiet.
        XCTAssertEqual(Batch.irrelevant.after(create).after(close).after(delete), .underWay)
        // A temporary written, then renamed into place.
        XCTAssertEqual(Batch.irrelevant.after(create).after(close).after(movedTo), .complete)
        // A folder moved in is watched, and then read: it is no finished file.
        XCTAssertEqual(Batch.irrelevant.after(movedTo | UInt32(IN_ISDIR)), .underWay)
    }

    /// Saves as editors make them end one wait each, with nothing left for the next; events on hidden files
    /// (swap files, presskit's own temporaries) and on PDFs wake nothing.
    func testEditorSavesEndOneWaitEach() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("Dist")
        guard let watcher = FolderWatcher(excluding: out.path) else { throw XCTSkip("no inotify here") }
        watcher.watch(tree: folder.path)
        let meeting = folder.appendingPathComponent("meeting.yaml")
        try "title: a\n".write(to: meeting, atomically: false, encoding: .utf8)
        XCTAssertTrue(watcher.waitForChange())
        XCTAssertFalse(pending(watcher), "a plain write is one change")

        // Vim's way: a test file made and removed, the file renamed to a backup, written anew, the backup removed.
        let probe = folder.appendingPathComponent("4913"), backup = folder.appendingPathComponent("meeting.yaml~")
        FileManager.default.createFile(atPath: probe.path, contents: nil)
        try FileManager.default.removeItem(at: probe)
        try FileManager.default.moveItem(at: meeting, to: backup)
        try "title: b\n".write(to: meeting, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: backup)
        XCTAssertTrue(watcher.waitForChange())
        XCTAssertFalse(pending(watcher), "a save in five steps is one change")
        XCTAssertEqual(try String(contentsOf: meeting, encoding: .utf8), "title: b\n")

        // A temporary renamed into place (Foundation's atomic write, many editors).
        try "title: c\n".write(to: meeting, atomically: true, encoding: .utf8)
        XCTAssertTrue(watcher.waitForChange())
        XCTAssertFalse(pending(watcher))

        // Hidden files and PDFs wake nothing: the next change is the layout written after them.
        try "x".write(to: folder.appendingPathComponent(".meeting.yaml.swp"), atomically: false, encoding: .utf8)
        try "x".write(to: folder.appendingPathComponent("old.pdf"), atomically: false, encoding: .utf8)
        XCTAssertFalse(pending(watcher, kind: .relevant), "hidden files and PDFs are no change")
        try "page: {}\n".write(to: folder.appendingPathComponent("layout.yaml"), atomically: false, encoding: .utf8)
        XCTAssertTrue(watcher.waitForChange())
        XCTAssertFalse(pending(watcher))
    }

    enum Pending { case any, relevant }

    /// Whether events wait to be read (`.any`), or whether one of those waiting is worth a rebuild
    /// (`.relevant`: a wait that would return at once).
    func pending(_ watcher: FolderWatcher, kind: Pending = .any) -> Bool {
        switch kind {
        case .any:
            var poller = pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)
            return poll(&poller, 1, 50) > 0
        case .relevant:
            return watcher.drain(waiting: 50) != .irrelevant
        }
    }
}
