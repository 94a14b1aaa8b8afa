import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Phase timings on standard error when PRESSKIT_TRACE is set, to see where a build spends its time.
enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["PRESSKIT_TRACE"] != nil
    nonisolated(unsafe) static var last = Date()
    static let lock = NSLock()

    /// Prints the time since the previous mark with `label`.
    static func mark(_ label: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "trace %7.2f ms  %@\n", now.timeIntervalSince(last) * 1000, label).utf8))
        last = now
    }
}
