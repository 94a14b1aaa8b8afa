import Foundation

extension String {
    /// Whether the text's UTF-8 holds `byte` (an ASCII character, or a lead byte such as 0xEE): searched with
    /// `memchr`, many bytes at a time, where `utf8.contains` takes them one by one through an iterator (a
    /// long document's texts are each asked several times while its documents are built).
    package func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.count > 0 && memchr(bytes.baseAddress!, Int32(byte), bytes.count) != nil }
    }
}
