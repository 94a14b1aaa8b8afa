import Foundation

/// The digests computed of files other libraries read (fonts, dictionaries, images), with their stamps:
/// a second build in the same process (a batch of meetings, a watch session) reuses them for files whose
/// stamps have not changed instead of reading them again. With a `store`, they are also kept on disk for
/// the next processes, whatever their output folder: the 90 MB of an installed CJK font are hashed once
/// per machine, not once per meeting.
package final class DigestMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: BuildInputs.Record] = [:]
    /// Where the digests are kept between processes (a JSON file), if anywhere.
    private let store: URL?
    private var loaded = false
    private var changed = false

    package init(store: URL? = nil) { self.store = store }

    func record(for path: String) -> BuildInputs.Record? {
        lock.withLock {
            loadIfNeeded()
            return records[path]
        }
    }

    func remember(_ record: BuildInputs.Record, for path: String) {
        lock.withLock {
            loadIfNeeded()
            if records[path] != record { records[path] = record; changed = true }
        }
    }

    /// Writes the digests learnt since the store was read (atomically; a failure only costs a later re-hash).
    package func save() {
        lock.withLock {
            guard changed, let store, let data = try? JSONEncoder().encode(records) else { return }
            try? FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? AtomicWriter.write(data, to: store)) != nil { changed = false }
        }
    }

    private func loadIfNeeded() {
        guard !loaded else { return }
        loaded = true
        guard let store, let data = try? Data(contentsOf: store),
              let stored = try? JSONDecoder().decode([String: BuildInputs.Record].self, from: data) else { return }
        // Entries of files that are gone are dropped; the others are checked against the file's stamp when used.
        records = stored.filter { FileManager.default.fileExists(atPath: $0.key) }.merging(records) { _, mine in mine }
    }
}
