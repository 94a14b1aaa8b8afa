import Foundation

/// Every file a build read or looked for, each with the stamp it had before it was read and the SHA-256
/// of the bytes that were read. A later build compares stamps to know, without reading anything, that
/// nothing changed; a file whose stamp is too recent to be trusted is compared by content.
public final class BuildInputs: @unchecked Sendable {
    /// One file a build depended on.
    package struct Record: Codable, Hashable, Sendable {
        var stamp: FileStamp
        /// When the stamp was taken (nanoseconds since 1970).
        var takenAt: Int64
        /// SHA-256 of the bytes read; nil for a file looked for and not found.
        var digest: String?

        /// The record as the text files of records write it (`DigestMemory`, `QuickCache`): its digest (`-` for
        /// none), the stamp's kind, device, inode, size, modification and change times, and the time it was
        /// taken, separated by tabs.
        package var textFields: String {
            "\(digest ?? "-")\t\(stamp.kind.rawValue)\t\(stamp.device)\t\(stamp.inode)\t\(stamp.size)\t\(stamp.modified)\t\(stamp.changed)\t\(takenAt)"
        }

        /// The record of `textFields`' UTF-8 split at its tabs (8 fields); nil when one does not read.
        package init?(textFields f: [ArraySlice<UInt8>]) {
            guard f.count == 8, let kind = FileStamp.Kind(rawValue: String(decoding: f[1], as: UTF8.self)),
                  let device = UInt64(ascii: f[2]), let inode = UInt64(ascii: f[3]), let size = Int64(ascii: f[4]),
                  let modified = Int64(ascii: f[5]), let changed = Int64(ascii: f[6]), let takenAt = Int64(ascii: f[7]) else { return nil }
            self.init(stamp: FileStamp(kind: kind, device: device, inode: inode, size: size, modified: modified, changed: changed),
                      takenAt: takenAt, digest: f[0].elementsEqual("-".utf8) ? nil : String(decoding: f[0], as: UTF8.self))
        }

        init(stamp: FileStamp, takenAt: Int64, digest: String?) { self.stamp = stamp; self.takenAt = takenAt; self.digest = digest }

        /// Whether the file at `path` is still the one recorded: same stamp, and same bytes when the stamp
        /// alone cannot tell.
        package func stillHolds(at path: String) -> Bool { verified(at: path) != nil }

        /// The record, still true of the file at `path`, taken anew when its content had to be compared
        /// and the file has since become old enough for its stamp alone to tell (so the comparison is not
        /// repeated by every build); nil when the file changed.
        package func verified(at path: String) -> Record? {
            let now = FileStamp.of(path)
            guard now == stamp else { return nil }
            guard stamp.isRacy(takenAt: takenAt) else { return self }
            let same: Bool
            switch stamp.kind {
            case .file: same = Digest.sha256(file: path) == digest
            case .folder: same = BuildInputs.listing(path) == digest
            default: same = true
            }
            guard same else { return nil }
            var renewed = self
            renewed.takenAt = FileStamp.now()
            return renewed
        }
    }

    private let lock = NSLock()
    private var records: [String: Record] = [:]
    /// Records of the previous build, whose digests are reused for files whose stamps have not changed.
    private let previous: [String: Record]
    /// Digests this process has computed, shared by its builds (a batch, a watch session).
    private let memory: DigestMemory?

    package init(previous: [String: Record] = [:], memory: DigestMemory? = nil) { self.previous = previous; self.memory = memory }

    /// What was recorded, by absolute path.
    package var recorded: [String: Record] { lock.withLock { records } }

    /// Reads a file, recording its stamp taken before reading and the digest of the bytes read.
    func read(_ url: URL) throws -> Data {
        let path = url.standardizedFileURL.path
        let takenAt = FileStamp.now()
        let stamp = FileStamp.of(path)
        let data = try Data(contentsOf: url)
        lock.withLock { records[path] = Record(stamp: stamp, takenAt: takenAt, digest: Digest.sha256(data)) }
        return data
    }

    /// Whether `url` exists; a file looked for is an input too (one added later may take precedence).
    @discardableResult
    package func exists(_ url: URL) -> Bool {
        let path = url.standardizedFileURL.path
        let stamp = FileStamp.of(path)
        if stamp.kind == .absent {
            lock.withLock { if records[path] == nil { records[path] = Record(stamp: stamp, takenAt: FileStamp.now(), digest: nil) } }
            return false
        }
        return true
    }

    /// The names in a folder, as a digest: a folder changes when a file is added to it or removed.
    static func listing(_ path: String) -> String? {
        (try? FileManager.default.contentsOfDirectory(atPath: path)).map { Digest.sha256($0.sorted().joined(separator: "\n")) }
    }

    /// Records a folder whose content decides what a build finds (fonts, layouts); false when absent.
    @discardableResult
    package func folder(_ url: URL) -> Bool {
        let path = url.standardizedFileURL.path
        let takenAt = FileStamp.now()
        let stamp = FileStamp.of(path)
        lock.withLock { records[path] = Record(stamp: stamp, takenAt: takenAt, digest: stamp.kind == .folder ? Self.listing(path) : nil) }
        return stamp.kind == .folder
    }

    /// The digest of a file another library reads (fonts, dictionaries, images), recorded with its stamp; the
    /// previous build's digest is reused when the file's stamp has not changed since.
    @discardableResult
    package func depend(on url: URL) -> String {
        let path = url.standardizedFileURL.path
        if let known = lock.withLock({ records[path] }), let digest = known.digest { return digest }
        let takenAt = FileStamp.now()
        let stamp = FileStamp.of(path)
        let digest: String
        if let old = previous[path] ?? memory?.record(for: path), old.stamp.vouches(for: stamp, takenAt: old.takenAt), let d = old.digest {
            digest = d
        } else {
            digest = Digest.sha256(file: path) ?? "unreadable"
            memory?.remember(Record(stamp: stamp, takenAt: takenAt, digest: digest), for: path)
        }
        lock.withLock { records[path] = Record(stamp: stamp, takenAt: takenAt, digest: stamp.kind == .absent ? nil : digest) }
        return digest
    }
}

extension FixedWidthInteger {
    /// The decimal integer written in `digits` (ASCII, an optional leading minus), or nil.
    package init?(ascii digits: ArraySlice<UInt8>) {
        var value: Self = 0
        var rest = digits[...]
        let negative = rest.first == UInt8(ascii: "-")
        if negative { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        for byte in rest {
            guard byte >= 48, byte <= 57 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(Self(byte - 48)) : times.addingReportingOverflow(Self(byte - 48))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        self = value
    }
}
