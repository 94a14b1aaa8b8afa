import CImages
import CLogoLibraries
import Foundation
import PressKitModel

/// The image formats presskit draws: PNG and JPEG photos, SVG logos.
public enum ImageKind: String, Sendable { case png, jpeg, svg }

/// Reads an image's format and intrinsic size without decoding it, and tells a damaged file from a good one.
package enum ImageProbe {
    /// Largest raster image accepted, in pixels.
    static let maximumPixels = 40_000_000
    /// Largest image file read, in bytes: its size is known before anything is read.
    static let maximumBytes: Int64 = 100 << 20

    /// A probe already made in this process: trusted while its stamp vouches for the file (`FileStamp.vouches`).
    private struct Known { var stamp: FileStamp; var takenAt: Int64; var result: (kind: ImageKind, width: Int, height: Int)? }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [String: Known] = [:]
    /// Files whose probes are kept; beyond, the store starts afresh.
    static let limit = 512
    /// How many files were probed, not found in the store (for tests).
    nonisolated(unsafe) private(set) static var probed = 0

    /// The image's format and size; nil for a file that is no readable PNG, JPEG or SVG. Each file as it
    /// is (its stamp) is read once per process: every document and language of a build, and every
    /// `watch` build, shows the same logos, and librsvg parses an SVG whole to tell its size (six
    /// documents: 24 parses of two logos, 4.6 ms, before).
    static func probe(_ file: URL) -> (kind: ImageKind, width: Int, height: Int)? {
        let takenAt = FileStamp.now()
        let stamp = FileStamp.of(file.path)
        if let kept = lock.withLock({ known[file.path] }), kept.stamp.vouches(for: stamp, takenAt: kept.takenAt) {
            return kept.result
        }
        let result = read(file)
        lock.withLock {
            if known.count >= limit { known = [:] }
            known[file.path] = Known(stamp: stamp, takenAt: takenAt, result: result)
            probed += 1
        }
        return result
    }

    private static func read(_ file: URL) -> (kind: ImageKind, width: Int, height: Int)? {
        guard let handle = try? FileHandle(forReadingFrom: file), let head = try? handle.read(upToCount: 32), head.count >= 4 else { return nil }
        let bytes = [UInt8](head)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24 {
            let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return w > 0 && h > 0 && w * h <= maximumPixels ? (.png, w, h) : nil
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpegSize(file).map { (.jpeg, $0.0, $0.1) } }
        if file.pathExtension.lowercased() == "svg" {
            // A logo drawn before, by any run, has its size in the cache: librsvg is not loaded for it.
            if let key = SVGScriptCache.key(of: file), let recorded = SVGScriptCache.entry(key: key) {
                return (.svg, recorded.width, recorded.height)
            }
            return svgSize(file).map { (.svg, $0.0, $0.1) }
        }
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

    /// Width and height from a JPEG's start-of-frame marker, reading the file's segments one by one (never
    /// the whole file).
    package static func jpegSize(_ file: URL) -> (Int, Int)? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard (try? handle.seek(toOffset: offset)) != nil, let d = try? handle.read(upToCount: count), d.count == count else { return nil }
            return [UInt8](d)
        }
        var at: UInt64 = 2
        for _ in 0..<10_000 {
            guard let head = read(at, 4), head[0] == 0xFF else { return nil }
            let marker = head[1]
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 || marker == 0xFF { at += marker == 0xFF ? 1 : 2; continue }
            let length = Int(head[2]) << 8 | Int(head[3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard let frame = read(at + 4, 5) else { return nil }
                let h = Int(frame[1]) << 8 | Int(frame[2]), w = Int(frame[3]) << 8 | Int(frame[4])
                return w > 0 && h > 0 && w * h <= maximumPixels ? (w, h) : nil
            }
            if marker == 0xDA || marker == 0xD9 { return nil }  // image data before any frame header
            at += 2 + UInt64(length)
        }
        return nil
    }

    /// An SVG's intrinsic size, read by librsvg (which also tells a malformed file).
    static func svgSize(_ file: URL) -> (Int, Int)? {
        var error: UnsafeMutablePointer<GError>?
        guard let handle = pk_rsvg_handle_new_from_file(file.path, &error) else {
            if let error { g_error_free(error) }
            return nil
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        return svgSize(handle)
    }

    /// The intrinsic size of an SVG librsvg has parsed: its width and height in pixels, or its view box's.
    package static func svgSize(_ handle: OpaquePointer) -> (Int, Int)? {
        var w = 0.0, h = 0.0
        if pk_rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) != 0, w > 0, h > 0 { return (Int(w.rounded()), Int(h.rounded())) }
        var hasViewBox: gboolean = 0
        var viewBox = RsvgRectangle()
        pk_rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
        return hasViewBox != 0 && viewBox.width > 0 && viewBox.height > 0 ? (Int(viewBox.width.rounded()), Int(viewBox.height.rounded())) : nil
    }
}
