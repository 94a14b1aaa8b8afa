import CImages
import Foundation

/// The image formats presskit draws: PNG and JPEG photos, SVG logos.
public enum ImageKind: String, Sendable { case png, jpeg, svg }

/// Reads an image's format and intrinsic size without decoding it, and tells a damaged file from a good one.
enum ImageProbe {
    /// Largest raster image accepted, in pixels.
    static let maximumPixels = 40_000_000

    static func probe(_ file: URL) -> (kind: ImageKind, width: Int, height: Int)? {
        guard let handle = try? FileHandle(forReadingFrom: file), let head = try? handle.read(upToCount: 32), head.count >= 4 else { return nil }
        let bytes = [UInt8](head)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24 {
            let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return w > 0 && h > 0 && w * h <= maximumPixels ? (.png, w, h) : nil
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpegSize(file).map { (.jpeg, $0.0, $0.1) } }
        if file.pathExtension.lowercased() == "svg" { return svgSize(file).map { (.svg, $0.0, $0.1) } }
        return nil
    }

    /// The pixel count a PNG or JPEG header declares, even beyond the limit (for the message).
    static func pixelSize(_ file: URL) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: file), let head = try? handle.read(upToCount: 24), head.count >= 24 else { return nil }
        let b = [UInt8](head)
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return b[16..<20].reduce(0) { $0 << 8 | Int($1) } * b[20..<24].reduce(0) { $0 << 8 | Int($1) }
        }
        return nil
    }

    /// Width and height from a JPEG's start-of-frame marker.
    static func jpegSize(_ file: URL) -> (Int, Int)? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let b = [UInt8](data)
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let h = Int(b[i + 5]) << 8 | Int(b[i + 6]), w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return w > 0 && h > 0 && w * h <= maximumPixels ? (w, h) : nil
            }
            i += 2 + length
        }
        return nil
    }

    /// An SVG's intrinsic size, read by librsvg (which also tells a malformed file).
    static func svgSize(_ file: URL) -> (Int, Int)? {
        var error: UnsafeMutablePointer<GError>?
        guard let handle = rsvg_handle_new_from_file(file.path, &error) else {
            if let error { g_error_free(error) }
            return nil
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        var w = 0.0, h = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) != 0, w > 0, h > 0 { return (Int(w.rounded()), Int(h.rounded())) }
        var hasViewBox: gboolean = 0
        var viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
        return hasViewBox != 0 && viewBox.width > 0 && viewBox.height > 0 ? (Int(viewBox.width.rounded()), Int(viewBox.height.rounded())) : nil
    }
}
