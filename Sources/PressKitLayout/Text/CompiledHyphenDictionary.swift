import CHyphen
import Foundation
import PressKitModel

/// libhyphen's compiled dictionary kept on disk between runs. libhyphen builds its state machine from the
/// patterns each time it loads them: 5 ms for French, 2.3 s for Debian's German file (78,000 lines, two
/// levels). The machine is written once, after the first load, to `~/.cache/presskit/hyphen/`, named by the
/// SHA-256 of the pattern file; later runs read it back into the same C structures libhyphen allocates
/// (so `hnj_hyphen_free` frees them), in a few milliseconds. A cache file that is short, inconsistent
/// (a state or transition pointing outside the machine) or fails its checksum is ignored and rewritten.
enum CompiledHyphenDictionary {
    /// Bumped when the file format changes.
    static let format = "presskit-hyphen-1"

    /// The dictionary of the pattern file at `path` (whose SHA-256 is `digest`), from the cache when it
    /// holds it, else loaded by libhyphen (and then cached).
    static func load(_ path: String, digest: String?) -> UnsafeMutablePointer<HyphenDict>? {
        guard let digest else { return hnj_hyphen_load(path) }
        let cached = folder()?.appendingPathComponent("\(digest).bin")
        if let cached, let bytes = try? Data(contentsOf: cached, options: .mappedIfSafe), let dict = bytes.withUnsafeBytes({ read($0) }) { return dict }
        guard let dict = hnj_hyphen_load(path) else { return nil }
        if let cached {
            let temporary = cached.appendingPathExtension("\(ProcessInfo.processInfo.processIdentifier).tmp")
            if (try? Data(write(dict)).write(to: temporary)) != nil {
                if rename(temporary.path, cached.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
            }
        }
        return dict
    }

    /// `$XDG_CACHE_HOME/presskit/hyphen` or `~/.cache/presskit/hyphen`, made if missing; nil when it cannot be.
    static func folder() -> URL? {
        let folder = UserCache.folder.appendingPathComponent("hyphen")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return nil }
        return folder
    }

    // MARK: writing

    /// The dictionary's machine, levels in order, followed by the SHA-256 of everything before it.
    static func write(_ dict: UnsafeMutablePointer<HyphenDict>) -> [UInt8] {
        var out = Array(format.utf8)
        var level: UnsafeMutablePointer<HyphenDict>? = dict
        while let d = level {
            out.append(1)
            let p = d.pointee
            out += [UInt8(bitPattern: p.lhmin), UInt8(bitPattern: p.rhmin), UInt8(bitPattern: p.clhmin), UInt8(bitPattern: p.crhmin)]
            append(p.nohyphenl, to: &out)
            // NOHYPHEN is kept as its pieces, each ended by a NUL (libhyphen cuts the list at its commas).
            if let nohyphen = p.nohyphen {
                var bytes: [UInt8] = []
                var at = nohyphen
                for _ in 0...Int(p.nohyphenl) {
                    let piece = strlen(at)
                    bytes += UnsafeBufferPointer(start: UnsafeRawPointer(at).assumingMemoryBound(to: UInt8.self), count: piece + 1)
                    at += piece + 1
                }
                append(Int32(bytes.count), to: &out)
                out += bytes
            } else {
                append(-1, to: &out)
            }
            append(p.num_states, to: &out)
            withUnsafeBytes(of: p.cset) { out += $0 }
            append(p.utf8, to: &out)
            for s in 0..<Int(p.num_states) {
                let state = p.states[s]
                appendString(state.match, to: &out)
                appendString(state.repl, to: &out)
                out += [UInt8(bitPattern: state.replindex), UInt8(bitPattern: state.replcut)]
                append(state.fallback_state, to: &out)
                append(state.num_trans, to: &out)
                for t in 0..<Int(state.num_trans) {
                    out.append(UInt8(bitPattern: state.trans[t].ch))
                    append(state.trans[t].new_state, to: &out)
                }
            }
            level = p.nextlevel
        }
        out.append(0)
        out += hexDigest(out)
        return out
    }

    static func append(_ value: Int32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    static func appendString(_ text: UnsafeMutablePointer<CChar>?, to out: inout [UInt8]) {
        guard let text else { append(-1, to: &out); return }
        let count = strlen(text)
        append(Int32(count), to: &out)
        out += UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: count)
    }

    static func hexDigest(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBytes { hexDigest($0) } }

    /// The SHA-256 of `bytes` as 64 hexadecimal digits, read in place.
    static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] { Array(Digest.sha256(bytes).utf8) }

    // MARK: reading

    /// The dictionary the bytes describe, in memory libhyphen can free; nil for anything but a whole,
    /// consistent file.
    static func read(_ bytes: [UInt8]) -> UnsafeMutablePointer<HyphenDict>? { bytes.withUnsafeBytes { read($0) } }

    static func read(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<HyphenDict>? {
        let head = Array(format.utf8)
        guard bytes.count > head.count + 64, bytes.prefix(head.count).elementsEqual(head) else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 64)])
        guard hexDigest(body).elementsEqual(bytes[(bytes.count - 64)...]) else { return nil }
        var reader = Reader(bytes: body, at: head.count)
        var levels: [UnsafeMutablePointer<HyphenDict>] = []
        func discard() { if let first = levels.first { hnj_hyphen_free(first) } }
        while let more = reader.byte(), more == 1 {
            guard let dict = readLevel(&reader) else { discard(); return nil }
            levels.last?.pointee.nextlevel = dict
            levels.append(dict)
        }
        guard let first = levels.first, reader.atEnd else { discard(); return nil }
        return first
    }

    /// One level of the machine; what it allocated is freed again when it cannot be read whole.
    static func readLevel(_ r: inout Reader) -> UnsafeMutablePointer<HyphenDict>? {
        guard let dict = calloc(1, MemoryLayout<HyphenDict>.stride)?.assumingMemoryBound(to: HyphenDict.self) else { return nil }
        var ok = false
        defer { if !ok { hnj_hyphen_free(dict) } }
        guard let l = r.byte(), let rr = r.byte(), let cl = r.byte(), let cr = r.byte(), let nohyphenl = r.int(), let nohyphenCount = r.int() else { return nil }
        dict.pointee.lhmin = CChar(bitPattern: l); dict.pointee.rhmin = CChar(bitPattern: rr)
        dict.pointee.clhmin = CChar(bitPattern: cl); dict.pointee.crhmin = CChar(bitPattern: cr)
        dict.pointee.nohyphenl = nohyphenl
        if nohyphenCount >= 0 {
            guard let bytes = r.bytes(Int(nohyphenCount)), bytes.last == 0, bytes.filter({ $0 == 0 }).count == Int(nohyphenl) + 1 else { return nil }
            dict.pointee.nohyphen = copy(bytes, terminate: false)
        }
        guard let states = r.int(), states >= 0, states < 10_000_000, let cset = r.bytes(Int(MAX_NAME)), let utf8 = r.int() else { return nil }
        withUnsafeMutableBytes(of: &dict.pointee.cset) { $0.copyMemory(from: cset) }
        dict.pointee.utf8 = utf8
        guard let table = calloc(max(1, Int(states)), MemoryLayout<HyphenState>.stride)?.assumingMemoryBound(to: HyphenState.self) else { return nil }
        dict.pointee.states = table
        dict.pointee.num_states = states
        for s in 0..<Int(states) {
            guard let match = r.string(), let repl = r.string(), let index = r.byte(), let cut = r.byte(),
                  let fallback = r.int(), fallback >= -1, fallback < states, let count = r.int(), count >= 0, count <= 256 else { return nil }
            table[s].match = match
            table[s].repl = repl
            table[s].replindex = Int8(bitPattern: index)
            table[s].replcut = Int8(bitPattern: cut)
            table[s].fallback_state = fallback
            if count > 0 {
                guard let trans = calloc(Int(count), MemoryLayout<HyphenTrans>.stride)?.assumingMemoryBound(to: HyphenTrans.self) else { return nil }
                table[s].trans = trans
                table[s].num_trans = count
                for t in 0..<Int(count) {
                    guard let ch = r.byte(), let next = r.int(), next >= 0, next < states else { return nil }
                    trans[t].ch = CChar(bitPattern: ch)
                    trans[t].new_state = next
                }
            }
        }
        ok = true
        return dict
    }

    /// A C string holding `bytes`, allocated with malloc; with `terminate`, a NUL is added after them.
    static func copy(_ bytes: UnsafeRawBufferPointer, terminate: Bool = true) -> UnsafeMutablePointer<CChar>? {
        guard let memory = malloc(bytes.count + (terminate ? 1 : 0))?.assumingMemoryBound(to: CChar.self) else { return nil }
        if let base = bytes.baseAddress { memcpy(memory, base, bytes.count) }
        if terminate { memory[bytes.count] = 0 }
        return memory
    }

    /// Reads the cache file's little-endian fields in order, in place.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at: Int
        var atEnd: Bool { at == bytes.count }

        mutating func byte() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func int() -> Int32? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, at + count <= bytes.count else { return nil }
            defer { at += count }
            return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)])
        }

        /// A string field: nil when the file is cut short; `.some(nil)` for a string libhyphen left NULL.
        mutating func string() -> UnsafeMutablePointer<CChar>?? {
            guard let count = int() else { return nil }
            if count < 0 { return .some(nil) }
            guard let text = bytes(Int(count)) else { return nil }
            return .some(copy(text))
        }
    }
}
