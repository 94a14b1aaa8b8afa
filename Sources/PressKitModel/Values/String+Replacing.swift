import Foundation

extension String {
    /// The text with every occurrence of `target` replaced by `replacement`, compared scalar by scalar, left to
    /// right. Foundation's `replacingOccurrences` bridges to NSString and CoreFoundation's search, whose code
    /// and Unicode tables a build would map for it; the texts presskit replaces in are composed already (NFC)
    /// and its targets are spaces and markup, so comparing scalars finds what Foundation finds.
    package func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first, containsByte(first) else { return self }
        let bytes = Array(utf8), substitute = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, replaced = false
        while i < bytes.count {
            // UTF-8 is self-synchronizing: a match of whole scalars' bytes starts and ends on scalar boundaries.
            if bytes[i] == first, i + pattern.count <= bytes.count, bytes[i..<i + pattern.count].elementsEqual(pattern) {
                out.append(contentsOf: substitute)
                i += pattern.count
                replaced = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return replaced ? String(decoding: out, as: UTF8.self) : self
    }

    /// The text in Unicode's composed form (NFC). Text that passes the standard library's quick check is
    /// composed already and returned as it is; only other text (a decomposed accent, a singleton such as
    /// U+212B) is composed by Foundation, so most builds never load CoreFoundation's normalization.
    package var composed: String {
        var span = utf8Span
        return span.checkForNFC(quickCheck: true) ? self : precomposedStringWithCanonicalMapping
    }
}
