import CZlib
import Foundation

/// zlib's Flate: PNG image data (checked before a build draws it) and the PDF streams presskit rewrites
/// after Cairo (/FlateDecode).
package enum Flate {
    /// Inflates a zlib stream chunk by chunk, handing each to `consume`, which returns false to stop early.
    /// True when the stream ended properly; false when it is damaged, cut short, or was stopped.
    package static func inflate(_ data: [UInt8], _ consume: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return false }
        defer { inflateEnd(&stream) }
        var status = Z_OK
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while status == Z_OK {
                var more = true
                chunk.withUnsafeMutableBufferPointer { sink in
                    stream.next_out = sink.baseAddress
                    stream.avail_out = uInt(sink.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    more = consume(UnsafeBufferPointer(rebasing: sink[0..<(sink.count - Int(stream.avail_out))]))
                }
                if status == Z_BUF_ERROR || !more { break }
            }
        }
        return status == Z_STREAM_END
    }

    /// The inflated bytes of a zlib stream, or nil when it is damaged.
    package static func inflate(_ data: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        return inflate(data) { out += $0; return true } ? out : nil
    }

    /// `data` compressed as a zlib stream, at zlib's default level (level 9 takes about twice as long for
    /// a page's content and saves under 2 % of its size).
    package static func deflate(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { buffer in
            data.withUnsafeBufferPointer { source in compress2(buffer.baseAddress, &size, source.baseAddress, uLong(data.count), Z_DEFAULT_COMPRESSION) }
        }
        return status == Z_OK ? Array(out[0..<Int(size)]) : []
    }
}
