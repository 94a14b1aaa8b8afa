// Write: puts finished bytes in place atomically, so a failed build never leaves a damaged or missing PDF.
import Foundation

/// Writes a file by way of a temporary file in the same folder and a rename, so readers see the
/// old file or the new one, never half of one.
public enum AtomicWriter {
    /// Replaces `url` with `data`, creating its folder when needed.
    /// Removes what a build killed in the middle left in `folder`: temporary files of processes that no
    /// longer run (`.NAME.PID.tmp`). Finished files are never touched.
    public static func removeStaleTemporaries(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let fd = open(temp.path, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
            guard rename(temp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DiagnosticError(Diagnostic(at: .file(url.path), "cannot write the file: \(error.localizedDescription)",
                                             hint: "check that the output folder is writable"))
        }
    }
}
