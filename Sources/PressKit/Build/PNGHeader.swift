import Foundation

/// Reads the pixel size from a PNG file's header without decoding it.
enum PNGHeader {
    static let maximumPixels = 40_000_000

    static func size(of file: URL) -> (width: Int, height: Int)? {
        guard let handle = try? FileHandle(forReadingFrom: file), let data = try? handle.read(upToCount: 24),
              data.count == 24, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let bytes = [UInt8](data)
        let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard w > 0, h > 0, w * h <= maximumPixels else { return nil }
        return (w, h)
    }
}
