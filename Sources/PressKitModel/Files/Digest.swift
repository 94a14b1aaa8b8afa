import Crypto
import Foundation

/// SHA-256 of raw bytes, as lowercase hexadecimal: what fingerprints and the build cache compare.
package enum Digest {
    package static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    package static func sha256(_ text: String) -> String { hex(SHA256.hash(data: Data(text.utf8))) }

    /// The digest of bytes in memory, read in place.
    package static func sha256(_ bytes: UnsafeRawBufferPointer) -> String { hex(SHA256.hash(data: bytes)) }

    /// The digest of a file's bytes, read in pieces; nil when it cannot be read.
    package static func sha256(file path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            // At the end of the file Foundation answers nil or an empty chunk.
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// Bytes as lowercase hexadecimal digits, two per byte.
    package static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.underestimatedCount * 2)
        for byte in digest { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
