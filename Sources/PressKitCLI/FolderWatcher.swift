import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Folders watched with inotify, each with its subfolders, including those made after watching began.
final class FolderWatcher {
    /// What makes a watched folder worth a look: a file written, moved in, made or removed.
    static let events = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE)

    /// The inotify instance.
    let descriptor: Int32
    /// The watched folders, by inotify watch descriptor.
    private(set) var folders: [Int32: String] = [:]
    /// A folder never watched, nor anything inside it (the output folder).
    private let excluded: String
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// A watcher that never watches `excluded` or what it holds; nil when inotify is not available.
    init?(excluding excluded: String) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.excluded = URL(fileURLWithPath: excluded).standardizedFileURL.path
    }

    deinit { close(descriptor) }

    /// Watches `root` and every folder below it, hidden folders and the excluded one aside.
    func watch(tree root: String) {
        let root = URL(fileURLWithPath: root).standardizedFileURL
        var folders = [root.path]
        if let walker = FileManager.default.enumerator(atPath: root.path) {
            for case let sub as String in walker where !sub.hasPrefix(".") && !sub.contains("/.") {
                let path = root.appendingPathComponent(sub).standardizedFileURL.path
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { folders.append(path) }
            }
        }
        for folder in folders where !isExcluded(folder) && !self.folders.values.contains(folder) {
            let wd = inotify_add_watch(descriptor, folder, Self.events)
            if wd >= 0 { self.folders[wd] = folder }
        }
    }

    /// Whether `path` is the excluded folder or inside it.
    func isExcluded(_ path: String) -> Bool { path == excluded || path.hasPrefix(excluded + "/") }

    /// What a batch of events says of the files: nothing worth a rebuild, a save under way (a file made or
    /// removed, to be written or replaced next), or a save complete (its last event a file closed after
    /// writing or renamed into place).
    enum Batch: Equatable {
        case irrelevant, underWay, complete

        /// The batch after `event` (its inotify mask) on a file worth a rebuild: the last such event decides.
        func after(_ mask: UInt32) -> Batch {
            mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 && mask & UInt32(IN_ISDIR) == 0 ? .complete : .underWay
        }
    }

    /// Blocks until a change worth a rebuild, then until the folders have been quiet: `settled` milliseconds
    /// after a save that completed a file (closed after writing or renamed into place: what an editor
    /// does last), `quiet` milliseconds after a file only made or removed (editors save in several steps,
    /// within a few milliseconds: a backup renamed away, the file made anew, written, the backup removed).
    /// False when inotify can no longer be read. A change during the build that follows is seen by the next
    /// wait, and builds again.
    func waitForChange(quiet: Int32 = 20, settled: Int32 = 3) -> Bool {
        var batch = Batch.irrelevant
        while batch == .irrelevant {
            let n = read(descriptor, &buffer, buffer.count)
            guard n > 0 else { return false }
            batch = handle(count: n, after: batch)
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&poller, 1, batch == .complete ? settled : quiet) > 0 {
            let n = read(descriptor, &buffer, buffer.count)
            guard n > 0 else { return false }
            batch = handle(count: n, after: batch)
        }
        return true
    }

    /// Reads the events that arrive within `waiting` milliseconds of each other; what they make of a batch.
    func drain(waiting: Int32) -> Batch {
        var batch = Batch.irrelevant
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&poller, 1, waiting) > 0 {
            let n = read(descriptor, &buffer, buffer.count)
            guard n > 0 else { break }
            batch = handle(count: n, after: batch)
        }
        return batch
    }

    /// Goes through the `count` bytes of events in the buffer: watches the folders that appeared (with what they
    /// already hold), forgets removed ones, and tells what the events on files worth a rebuild (not a hidden
    /// file, such as our temporaries and cache, nor a PDF) make of `batch`.
    private func handle(count: Int, after batch: Batch) -> Batch {
        var batch = batch
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; continue }
            guard !name.isEmpty, !name.hasPrefix("."), !name.hasSuffix(".pdf") else { continue }
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = folders[wd] {
                let path = parent + "/" + name
                if isExcluded(path) { continue }
                watch(tree: path)
            }
            batch = batch.after(mask)
        }
        return batch
    }
}
