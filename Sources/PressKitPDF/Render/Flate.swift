import CZlib
import Foundation

/// zlib's Flate, for the PDF streams presskit rewrites after Cairo (/FlateDecode).
enum Flate {
    /// The inflated bytes of a zlib stream, or nil when it is damaged.
    static func inflate(_ data: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while status == Z_OK {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if status == Z_BUF_ERROR { break }
            }
        }
        return status == Z_STREAM_END ? out : nil
    }

    /// `data` compressed as a zlib stream.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { buffer in
            data.withUnsafeBufferPointer { source in compress2(buffer.baseAddress, &size, source.baseAddress, uLong(data.count), 9) }
        }
        return status == Z_OK ? Array(out[0..<Int(size)]) : []
    }
}
