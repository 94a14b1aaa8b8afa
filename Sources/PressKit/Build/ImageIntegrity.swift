import Foundation

/// Tells a complete PNG or JPEG from a damaged one before anything is drawn: decoders accept a truncated
/// file and draw part of it without failing. A PNG must hold whole chunks with correct checksums up to
/// IEND; a JPEG whole segments and entropy-coded data up to its end-of-image marker. Each content is
/// checked once per process, whatever its file name.
enum ImageIntegrity {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [String: String?] = [:]

    /// What is wrong with the image's bytes, or nil when they are whole.
    static func damage(_ file: URL, kind: ImageKind) -> String? {
        guard kind != .svg else { return nil }  // librsvg parses SVG whole when probing
        guard let data = try? Data(contentsOf: file) else { return "it cannot be read" }
        let key = Digest.sha256(data)
        if let result = lock.withLock({ known[key] }) { return result }
        let bytes = [UInt8](data)
        let result = kind == .png ? png(bytes) : jpeg(bytes)
        lock.withLock { known[key] = result }
        return result
    }

    /// Walks a PNG's chunks, checking each one's CRC, up to IEND.
    static func png(_ b: [UInt8]) -> String? {
        var at = 8
        while at + 12 <= b.count {
            let length = b[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            guard at + 12 + length <= b.count else { return "it is truncated (a chunk runs past the end of the file)" }
            let crc = b[(at + 8 + length)..<(at + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(b[(at + 4)..<(at + 8 + length)]) == crc else { return "it is damaged (a chunk's checksum is wrong)" }
            if b[(at + 4)..<(at + 8)].elementsEqual("IEND".utf8) { return nil }
            at += 12 + length
        }
        return "it is truncated (no IEND chunk)"
    }

    /// Walks a JPEG's segments and scans up to the end-of-image marker.
    static func jpeg(_ b: [UInt8]) -> String? {
        var at = 2
        while at + 1 < b.count {
            guard b[at] == 0xFF else { return "it is damaged (a segment does not start with a marker)" }
            let marker = b[at + 1]
            switch marker {
            case 0xFF: at += 1; continue
            case 0xD9: return nil
            case 0x01, 0xD0...0xD7: at += 2; continue
            default: break
            }
            guard at + 4 <= b.count else { break }
            let length = Int(b[at + 2]) << 8 | Int(b[at + 3])
            guard length >= 2, at + 2 + length <= b.count else { return "it is truncated (a segment runs past the end of the file)" }
            at += 2 + length
            if marker == 0xDA {
                // Entropy-coded data: ends at a marker that is neither a stuffed 0xFF00 nor a restart marker.
                while at + 1 < b.count, !(b[at] == 0xFF && b[at + 1] != 0x00 && !(0xD0...0xD7).contains(b[at + 1]) && b[at + 1] != 0xFF) { at += 1 }
            }
        }
        return "it is truncated (no end-of-image marker)"
    }
}
