// Files: reads inputs with stamps and digests, and puts finished bytes in place atomically, so a failed build never
// leaves a damaged or missing PDF.
import Foundation

/// Writes files by way of temporary files in the same folder and renames, so readers see the old file or
/// the new one, never half of one; several files are all staged before any is replaced.
public enum AtomicWriter {
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

    /// Replaces `url` with `data`, creating its folder when needed. Without `flush`, the new bytes are not
    /// forced to the disk before the rename: for a file whose loss or emptiness after a crash costs nothing
    /// but work (a cache, which an unreadable or outdated copy only makes rebuild).
    public static func write(_ data: Data, to url: URL, flush: Bool = true) throws {
        _ = try replace([(url, data)], flush: flush)
    }

    /// Replaces every file with its bytes: all temporary files are written and flushed first, and only when
    /// every one of them is complete are they renamed into place. When a temporary cannot be written
    /// (a full disk, a folder in the way), every temporary is removed and no file is replaced. Returns each
    /// file's record as written (stamp after the rename, digest of the bytes).
    package static func replace(_ files: [(URL, Data)], flush: Bool = true) throws -> [URL: BuildInputs.Record] {
        var staged: [(temp: URL, file: URL, data: Data, fd: Int32)] = []
        func discardStaged() { for s in staged { close(s.fd); unlink(s.temp.path) } }
        for (url, data) in files {
            let folder = url.deletingLastPathComponent()
            let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            switch stage(data, at: temp, folder: folder) {
            case .success(let fd): staged.append((temp, url, data, fd))
            case .failure(let problem):
                discardStaged()
                throw failure(url, problem.reason, several: files.count > 1)
            }
        }
        // Every temporary is flushed at once, each on its own thread: the file system commits them together
        // (one journal commit for a build's PDFs rather than one after another). Their digests meanwhile.
        let flushing = staged
        let flushed = [(problem: String?, digest: String)].concurrent(flushing.count) { k in
            let problem = !flush || fsync(flushing[k].fd) == 0 ? nil : String(cString: strerror(errno))
            return (problem, problem == nil ? Digest.sha256(flushing[k].data) : "")
        }
        if let k = flushed.firstIndex(where: { $0.problem != nil }) {
            discardStaged()
            throw failure(staged[k].file, flushed[k].problem!, several: files.count > 1)
        }
        for s in staged { close(s.fd) }
        var records: [URL: BuildInputs.Record] = [:]
        var replaced: [String] = []
        for (k, s) in staged.enumerated() {
            guard rename(s.temp.path, s.file.path) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in staged[k...] { unlink(rest.temp.path) }
                let notReplaced = staged[k...].map { $0.file.lastPathComponent }
                throw DiagnosticError(Diagnostic(at: .file(s.file.path), "cannot put the file in place: \(reason)",
                                                 hint: (replaced.isEmpty ? "no file was replaced" : "replaced: " + replaced.joined(separator: ", "))
                                                    + "; not replaced: " + notReplaced.joined(separator: ", ")))
            }
            replaced.append(s.file.lastPathComponent)
            records[s.file] = BuildInputs.Record(stamp: FileStamp.of(s.file.path), takenAt: FileStamp.now(), digest: flushed[k].digest)
        }
        // The folder is not flushed: after a crash a rename may be lost, which leaves the previous PDF, whole.
        return records
    }

    /// The error of a file that could not be written: no file is replaced.
    private static func failure(_ url: URL, _ reason: String, several: Bool) -> DiagnosticError {
        DiagnosticError(Diagnostic(at: .file(url.path), "cannot write the file: \(reason)\(several ? "; no file was replaced" : "; the file was not replaced")",
                                   hint: "check the free space and that the output folder is writable"))
    }

    /// Why a temporary could not be written.
    private struct StageFailure: Error { let reason: String }

    /// Writes one temporary file, left open for the caller to flush and close; removed again when it fails.
    private static func stage(_ data: Data, at temp: URL, folder: URL) -> Result<Int32, StageFailure> {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            return .failure(StageFailure(reason: "the folder \(folder.path) cannot be made (\(Self.reason(error)))"))
        }
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .failure(StageFailure(reason: String(cString: strerror(errno)))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        guard let failure else { return .success(fd) }
        close(fd)
        unlink(temp.path)
        return .failure(StageFailure(reason: failure))
    }

    /// The POSIX reason behind a Foundation error, when there is one.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
