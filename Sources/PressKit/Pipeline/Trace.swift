import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Phase timings on standard error when PRESSKIT_TRACE is set, to see where a build spends its time.
enum Trace {
    static let enabled = PhaseLaps.enabled
    nonisolated(unsafe) static var last = Date()
    static let lock = NSLock()

    /// The process's resident memory now, in MiB (from /proc/self/statm).
    static var residentMiB: Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Prints the time since the previous mark with `label`, and the resident memory.
    static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "trace %7.2f ms %6.1f MiB  %@\n", now.timeIntervalSince(last) * 1000, residentMiB, label()).utf8))
        last = now
    }
}
