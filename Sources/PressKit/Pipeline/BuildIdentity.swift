import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// The identity of the running presskit build: the GNU build id the linker wrote into the program
/// (`--build-id`, set in Package.swift), read from the program's ELF notes. Any change to presskit's code
/// changes it, so PDFs fingerprinted by another build are made again; it costs a few reads of the
/// program's headers, never a hash of the whole binary.
public enum BuildIdentity {
    /// `presskit VERSION build-id`; the version alone, with the program's size and time, when no build id is found.
    public static let current: String = {
        let exe = "/proc/self/exe"
        if let id = gnuBuildID(of: exe) { return "presskit \(PressKitVersion.current) \(id)" }
        let stamp = FileStamp.of(exe)
        return "presskit \(PressKitVersion.current) unlinked-\(stamp.size)-\(stamp.modified)"
    }()

    /// The NT_GNU_BUILD_ID note of an ELF64 little-endian file, in hexadecimal.
    static func gnuBuildID(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        func integer(_ b: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
        }
        guard let header = read(0, 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46]), header[4] == 2, header[5] == 1 else { return nil }
        let phoff = integer(header, 32, 8), phentsize = Int(integer(header, 54, 2)), phnum = Int(integer(header, 56, 2))
        guard phentsize >= 56, phnum < 1000, let table = read(phoff, phentsize * phnum) else { return nil }
        for i in 0..<phnum {
            let entry = i * phentsize
            guard integer(table, entry, 4) == 4 else { continue }  // PT_NOTE
            let offset = integer(table, entry + 8, 8), size = Int(integer(table, entry + 32, 8))
            guard size < 1 << 16, let notes = read(offset, size) else { continue }
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = Int(integer(notes, at, 4)), descSize = Int(integer(notes, at + 4, 4)), type = integer(notes, at + 8, 4)
                let name = at + 12, desc = name + (nameSize + 3) & ~3
                guard desc + descSize <= notes.count else { break }
                if type == 3, nameSize == 4, Array(notes[name..<name + 3]) == Array("GNU".utf8) {
                    return Digest.hex(notes[desc..<desc + descSize])
                }
                at = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }
}
