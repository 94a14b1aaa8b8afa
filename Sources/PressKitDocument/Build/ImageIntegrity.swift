import Foundation
import PressKitModel

/// Tells a complete PNG or JPEG from a damaged one before anything is drawn: decoders accept a truncated
/// file and draw part of it without failing. A PNG must hold whole chunks with correct checksums up to
/// IEND; a JPEG whole segments and entropy-coded data up to its end-of-image marker. Each content is
/// checked once per process, whatever its file name.
enum ImageIntegrity {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [String: String?] = [:]

    /// What is wrong with the image's bytes, or nil when they are whole. `digest`, when the build already
    /// has the file's (`BuildInputs`), spares reading a file whose content was checked before.
    static func damage(_ file: URL, kind: ImageKind, digest: String? = nil) -> String? {
        guard kind != .svg else { return nil }  // librsvg parses SVG whole when probing
        if let digest, let result = lock.withLock({ known[digest] }) { return result }
        guard let data = try? Data(contentsOf: file) else { return "it cannot be read" }
        let key = digest ?? Digest.sha256(data)
        if let result = lock.withLock({ known[key] }) { return result }
        let bytes = [UInt8](data)
        let result = kind == .png ? png(bytes) : jpeg(bytes)
        lock.withLock { known[key] = result }
        return result
    }

    /// Walks a PNG's chunks, checking each one's CRC, up to IEND; then inflates the image data, which must
    /// end where zlib says it ends and hold every row the header announces.
    static func png(_ b: [UInt8]) -> String? {
        var at = 8
        var header: ArraySlice<UInt8> = []
        var data: [UInt8] = []
        while at + 12 <= b.count {
            let length = b[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            guard at + 12 + length <= b.count else { return "it is truncated (a chunk runs past the end of the file)" }
            let crc = b[(at + 8 + length)..<(at + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(b[(at + 4)..<(at + 8 + length)]) == crc else { return "it is damaged (a chunk's checksum is wrong)" }
            let type = b[(at + 4)..<(at + 8)]
            if type.elementsEqual("IHDR".utf8) { header = b[(at + 8)..<(at + 8 + length)] }
            if type.elementsEqual("IDAT".utf8) { data += b[(at + 8)..<(at + 8 + length)] }
            if type.elementsEqual("IEND".utf8) { return imageData(data, header: Array(header)) }
            at += 12 + length
        }
        return "it is truncated (no IEND chunk)"
    }

    /// What is wrong with a PNG's inflated image data, given its IHDR: nil when the stream ends properly with
    /// the size a non-interlaced image of that header needs (an interlaced one must end properly).
    static func imageData(_ data: [UInt8], header: [UInt8]) -> String? {
        guard header.count >= 13 else { return "it is damaged (no image header)" }
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }, height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let depth = Int(header[8]), colour = header[9], interlaced = header[12] != 0
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colour)] ?? 1
        let expected = height * (1 + (width * channels * depth + 7) / 8)
        var produced = 0
        let ended = Flate.inflate(data) { chunk in
            produced += chunk.count
            return produced <= expected * 2 + (1 << 16)
        }
        guard ended else { return "it is truncated or damaged (its compressed image data does not end)" }
        guard interlaced || produced == expected else { return "it is damaged (it holds \(produced) bytes of image data where its size needs \(expected))" }
        return nil
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
