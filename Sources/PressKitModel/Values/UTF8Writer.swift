/// Text written scalar by scalar as UTF-8 bytes and made a String once, at the end: appending a scalar
/// to a `String.UnicodeScalarView` makes a small string of it and appends that, a cost the typography
/// paid for every character of every paragraph.
package struct UTF8Writer {
    package private(set) var bytes: [UInt8] = []

    @inlinable package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends the scalar's UTF-8 encoding.
    @inlinable package mutating func append(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        switch v {
        case ..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: v))
        case ..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | v >> 6))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | v >> 12))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | v >> 18))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | v & 0x3F))
        }
    }

    /// The text written so far.
    @inlinable package var string: String { String(decoding: bytes, as: UTF8.self) }
}
