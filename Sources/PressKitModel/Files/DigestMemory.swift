import Foundation

/// The digests computed of files other libraries read (fonts, dictionaries, images), with their stamps:
/// a second build in the same process (a batch of meetings, a watch session) reuses them for files whose
/// stamps have not changed instead of reading them again. With a `store`, they are also kept on disk for
/// the next processes, whatever their output folder: the 90 MB of an installed CJK font are hashed once
/// per machine, not once per meeting.
///
/// The store is a text file of one record per line, read without a JSON decoder, and holds at most
/// `capacity` records: those used by the last process first, then the most recently taken. Left to grow
/// (every test and benchmark folder adds its images), a JSON store of 3,455 records took 50–75 ms to
/// decode in a first build.
package final class DigestMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: BuildInputs.Record] = [:]
    /// The paths this process asked for or learnt: kept first when the store is trimmed.
    private var used = Set<String>()
    /// Where the digests are kept between processes, if anywhere.
    private let store: URL?
    private let capacity: Int
    private var loaded = false
    private var changed = false

    /// The first line of a store file; a file that does not begin with it is ignored (and replaced).
    static let header = "presskit digests 1"

    package init(store: URL? = nil, capacity: Int = 1_000) { self.store = store; self.capacity = capacity }

    func record(for path: String) -> BuildInputs.Record? {
        lock.withLock {
            loadIfNeeded()
            used.insert(path)
            return records[path]
        }
    }

    func remember(_ record: BuildInputs.Record, for path: String) {
        lock.withLock {
            loadIfNeeded()
            used.insert(path)
            if records[path] != record { records[path] = record; changed = true }
        }
    }

    /// How many records are held (read from the store and learnt since).
    package var count: Int { lock.withLock { loadIfNeeded(); return records.count } }

    /// Writes the digests learnt since the store was read (atomically; a failure only costs a later re-hash).
    package func save() {
        lock.withLock {
            guard changed, let store else { return }
            trim()
            try? FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Not flushed: a store lost in a crash only costs hashing the files again.
            if (try? AtomicWriter.write(Self.encode(records), to: store, flush: false)) != nil { changed = false }
            // The JSON store of presskit 0.6.0 and before, replaced by this one.
            try? FileManager.default.removeItem(at: store.deletingLastPathComponent().appendingPathComponent("digests.json"))
        }
    }

    /// Keeps at most `capacity` records: the ones this process used, then the most recently taken of the
    /// others whose files still exist.
    private func trim() {
        guard records.count > capacity else { return }
        let others = records.filter { !used.contains($0.key) }
        let room = max(0, capacity - (records.count - others.count))
        let kept = others.filter { $0.value.stamp.kind == .absent || FileManager.default.fileExists(atPath: $0.key) }
            .sorted { $0.value.takenAt > $1.value.takenAt }.prefix(room)
        records = records.filter { used.contains($0.key) }.merging(kept.map { ($0.key, $0.value) }) { mine, _ in mine }
    }

    private func loadIfNeeded() {
        guard !loaded else { return }
        loaded = true
        guard let store, let data = try? Data(contentsOf: store) else { return }
        // Records are checked against their file's stamp when used; those learnt in this process win.
        records = Self.decode(data).merging(records) { _, mine in mine }
    }

    /// The store's text: the header, then per record its path, digest (`-` for none) and the stamp's kind,
    /// device, inode, size, modification and change times, and the time it was taken, separated by tabs.
    /// Paths holding a tab or a line break are not kept (they are hashed again).
    static func encode(_ records: [String: BuildInputs.Record]) -> Data {
        var text = header + "\n"
        for (path, record) in records.sorted(by: { $0.key < $1.key }) where !path.contains(where: { $0 == "\t" || $0.isNewline }) {
            text += "\(path)\t\(record.textFields)\n"
        }
        return Data(text.utf8)
    }

    /// The records of a store's text; lines that do not parse are skipped, a file of another format gives none.
    static func decode(_ data: Data) -> [String: BuildInputs.Record] {
        var records: [String: BuildInputs.Record] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
            guard let first = lines.popFirst(), String(decoding: first, as: UTF8.self) == header else { return }
            records.reserveCapacity(lines.count)
            for line in lines {
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                guard fields.count == 9, let record = BuildInputs.Record(textFields: fields[1...].map { ArraySlice($0) }) else { continue }
                records[String(decoding: fields[0], as: UTF8.self)] = record
            }
        }
        return records
    }
}
