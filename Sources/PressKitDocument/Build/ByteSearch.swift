import Foundation

/// Finding byte strings in a text's UTF-8 (texts are NFC, so equal text is equal bytes): with the C
/// library's `memchr` and `memcmp`, not the generic collection search, which costs an allocation and a generic
/// dispatch per call.
enum ByteSearch {
    /// The indices of the `needles` found in `text`, in order.
    static func contained(_ needles: [[UInt8]], in text: String) -> [Int] {
        guard !needles.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { hay in
            needles.indices.filter { k in
                let needle = needles[k]
                guard !needle.isEmpty else { return true }
                guard needle.count <= hay.count, let base = hay.baseAddress else { return false }
                return needle.withUnsafeBufferPointer { find($0, in: UnsafeBufferPointer(start: base, count: hay.count)) }
            }
        }
    }

    /// Whether `needle` (not empty) occurs in `hay`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = hay.baseAddress, let wanted = needle.baseAddress else { return false }
        let last = hay.count - needle.count  // the last place the needle can start
        var at = 0
        while at <= last {
            guard let hit = memchr(start + at, Int32(wanted.pointee), last - at + 1) else { return false }
            let k = start.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(start + k, wanted, needle.count) == 0 { return true }
            at = k + 1
        }
        return false
    }
}
