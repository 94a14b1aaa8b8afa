import Foundation

/// What `stat` says of a file at one moment: enough to tell, without reading it, that it is not the file
/// it was (device, inode, size, modification and change times), or that it is absent.
package struct FileStamp: Codable, Hashable, Sendable {
    /// Whether the path named a regular file, a folder, something else, or nothing.
    package enum Kind: String, Codable, Sendable { case file, folder, other, absent }

    package var kind: Kind
    var device: UInt64 = 0
    var inode: UInt64 = 0
    package var size: Int64 = 0
    package var modified: Int64 = 0
    var changed: Int64 = 0

    /// The stamp of `path` now (links followed).
    package static func of(_ path: String) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return FileStamp(kind: .absent) }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .file : type == S_IFDIR ? .folder : .other
        return FileStamp(kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                         changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }

    /// Nanoseconds since 1970, now, on the clock file times are taken from.
    package static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    /// File times are as coarse as the clock the kernel stamps them with (`CLOCK_REALTIME_COARSE`, one tick:
    /// 1 to 10 ms on Linux file systems with nanosecond times, 4 ms here): a file written less than a tick
    /// before its stamp was taken may change again within the same tick, its stamp unchanged, so its content
    /// must be compared. Two ticks, for margin (50 ms if the clock cannot tell its resolution). A fixed 50 ms
    /// had every rebuild within 50 ms of a build compare the PDFs' contents (about 4 ms more).
    static let racyWindow: Int64 = {
        var resolution = timespec()
        guard clock_getres(CLOCK_REALTIME_COARSE, &resolution) == 0, case let tick = Int64(resolution.tv_sec) * 1_000_000_000 + Int64(resolution.tv_nsec),
              tick > 0, tick <= 25_000_000 else { return 50_000_000 }
        return 2 * tick
    }()
    /// File systems that keep whole seconds only (FAT keeps two) need a window of two seconds.
    static let coarseRacyWindow: Int64 = 2_000_000_000

    /// Whether a write could follow this stamp, taken at `takenAt`, without changing it.
    package func isRacy(takenAt: Int64) -> Bool {
        let wholeSeconds = modified % 1_000_000_000 == 0 && changed % 1_000_000_000 == 0
        return kind != .absent && max(modified, changed) + (wholeSeconds ? Self.coarseRacyWindow : Self.racyWindow) >= takenAt
    }

    /// Whether this stamp, taken at `takenAt`, still vouches for the file whose stamp is now `current`:
    /// the same, and taken long enough after the file's last write that a later write would have changed it.
    package func vouches(for current: FileStamp, takenAt: Int64) -> Bool { self == current && !isRacy(takenAt: takenAt) }
}
