import Foundation

extension String {
    /// C's formatting of numbers (`%02d`, `%.2f`, `%04X`), the text `String(format:)` gives, without bridging
    /// to NSString: `String(format:)` runs CoreFoundation's formatter, and a build that never calls it does not
    /// map CoreFoundation's string code and Unicode tables. Numbers only (no `%@`).
    package init(printf format: String, _ arguments: CVarArg...) {
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let needed = withVaList(arguments) { list in Int(vsnprintf(&buffer, capacity, format, list)) }
            precondition(needed >= 0, "invalid format \(format)")
            if needed < capacity {
                self = String(decoding: buffer[..<needed].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return
            }
            capacity = needed + 1
        }
    }
}
