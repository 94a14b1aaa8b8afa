import Foundation
import PressKitModel

/// An SVG logo's drawing kept between runs as CairoScript (Cairo's own text record of the calls librsvg
/// made to draw it), with the logo's intrinsic size: `~/.cache/presskit/svg/<key>.csi`, the key a SHA-256
/// of the SVG's bytes and of the librsvg and Cairo that recorded it (`key(of:)`).
/// librsvg, with libxml2 and ICU, is some 9 MiB of a build's peak memory and 3 ms to load for two small
/// logos; it parses and draws each logo once, into the script (`SVGDrawing`), and every later run, in any
/// process, reads the logo's size from here and replays its script with Cairo's small interpreter. A changed
/// logo, or another librsvg or Cairo (an upgrade), is recorded anew; a file that is short, has a bad header
/// or fails its checksum is ignored (and rewritten by the next drawing).
package enum SVGScriptCache {
    /// Bumped when the file format, or what is recorded, changes.
    static let format = "presskit-svg-2"

    /// A logo's size in pixels, as `ImageProbe` gives it, and the script drawing it into that size; no
    /// script for a logo whose replayed script did not draw what librsvg draws (CairoScript loses some of
    /// what librsvg does, an SVG mask for one), which librsvg draws every time.
    package struct Entry: Equatable, Sendable {
        package var width: Int
        package var height: Int
        package var script: [UInt8]?
        package init(width: Int, height: Int, script: [UInt8]?) { self.width = width; self.height = height; self.script = script }
    }

    /// The key of the SVG `file`'s drawing: the SHA-256 of its bytes' digest and of the library files that
    /// draw and record it; nil when the file cannot be read.
    package static func key(of file: URL, recorders: String = recorders) -> String? {
        Digest.sha256(file: file.path).map { Digest.sha256($0 + "\n" + recorders) }
    }

    /// The files librsvg and Cairo are loaded from, links resolved ("librsvg-2.so.2.48.0"): another version
    /// of either records anew. Read from the file system, without loading them.
    static let recorders: String = {
        let folders = ["/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
        return ["librsvg-2.so.2", "libcairo.so.2"].map { name in
            for folder in folders {
                if let resolved = realpath("\(folder)/\(name)", nil) {
                    defer { free(resolved) }
                    return String(cString: resolved)
                }
            }
            return name
        }.joined(separator: " ")
    }()

    /// The recorded drawing of key `key` (`key(of:)`), if the cache holds a sound one.
    package static func entry(key: String) -> Entry? {
        guard let bytes = try? Data(contentsOf: file(key: key)) else { return nil }
        return decode([UInt8](bytes))
    }

    /// Keeps `entry` under `key` (`AtomicWriter`: a reader never sees half a file; not flushed, a lost
    /// record is only recorded again). Nothing is kept when the cache folder cannot be made or written.
    package static func store(_ entry: Entry, key: String) {
        try? AtomicWriter.write(Data(encode(entry)), to: file(key: key), flush: false)
    }

    /// `$XDG_CACHE_HOME/presskit/svg/<key>.csi` or `~/.cache/presskit/svg/<key>.csi`.
    static func file(key: String) -> URL {
        UserCache.folder.appendingPathComponent("svg").appendingPathComponent("\(key).csi")
    }

    // MARK: the file

    /// `presskit-svg-2 WIDTH HEIGHT LENGTH\n` (LENGTH -1 for no script), the script's LENGTH bytes, then the
    /// SHA-256 of all that, in hexadecimal, and a line feed.
    static func encode(_ entry: Entry) -> [UInt8] {
        var out = Array("\(format) \(entry.width) \(entry.height) \(entry.script?.count ?? -1)\n".utf8) + (entry.script ?? [])
        out += Array(Digest.sha256(out.withUnsafeBytes { $0 }).utf8)
        out.append(0x0A)
        return out
    }

    /// The entry `bytes` hold, or nil when they are not a whole, unchanged file of this format.
    static func decode(_ bytes: [UInt8]) -> Entry? {
        guard let lineEnd = bytes.prefix(96).firstIndex(of: 0x0A) else { return nil }
        let fields = String(decoding: bytes[..<lineEnd], as: UTF8.self).split(separator: " ")
        guard fields.count == 4, fields[0] == format, let width = Int(fields[1]), let height = Int(fields[2]),
              let length = Int(fields[3]), width > 0, height > 0, length > 0 || length == -1 else { return nil }
        let scriptStart = lineEnd + 1, scriptEnd = scriptStart + max(0, length)
        guard bytes.count == scriptEnd + 65, bytes[bytes.count - 1] == 0x0A else { return nil }
        let stated = String(decoding: bytes[scriptEnd..<(scriptEnd + 64)], as: UTF8.self)
        guard stated == bytes.withUnsafeBytes({ Digest.sha256(UnsafeRawBufferPointer(rebasing: $0[..<scriptEnd])) }) else { return nil }
        return Entry(width: width, height: height, script: length < 0 ? nil : Array(bytes[scriptStart..<scriptEnd]))
    }
}
