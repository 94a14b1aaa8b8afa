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
    static func load(_ path: String, digest: String?) -> Machine? {
        guard let digest else { return hnj_hyphen_load(path).map { Machine(dict: $0, blocks: nil) } }
        let cached = folder()?.appendingPathComponent("\(digest).bin")
        if let cached, let bytes = try? Data(contentsOf: cached, options: .mappedIfSafe), let machine = bytes.withUnsafeBytes({ read($0) }) { return machine }
        guard let dict = hnj_hyphen_load(path) else { return nil }
        if let cached {
            let temporary = cached.appendingPathExtension("\(ProcessInfo.processInfo.processIdentifier).tmp")
            if (try? Data(write(dict)).write(to: temporary)) != nil {
                if rename(temporary.path, cached.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
            }
        }
        return Machine(dict: dict, blocks: nil)
    }

    /// A machine in memory: libhyphen's own (`blocks` nil, freed by `hnj_hyphen_free`), or read from the
    /// cache, each level's strings and transitions in one block of `blocks`. libhyphen's loader mallocs
    /// each of them: some 27,000 allocations for French and English, most a 32-byte chunk holding a few
    /// bytes.
    struct Machine {
        let dict: UnsafeMutablePointer<HyphenDict>
        let blocks: [UnsafeMutableRawPointer]?

        /// Frees the machine, whichever made it.
        func free() {
            guard let blocks else { hnj_hyphen_free(dict); return }
            CompiledHyphenDictionary.free(levelsOf: dict)
            for block in blocks { Foundation.free(block) }
        }
    }

    /// Frees the levels of a machine read from the cache, not what its blocks hold: each level's state
    /// table, its NOHYPHEN list and the level itself.
    static func free(levelsOf dict: UnsafeMutablePointer<HyphenDict>?) {
        var level = dict
        while let d = level {
            level = d.pointee.nextlevel
            Foundation.free(d.pointee.states)
            Foundation.free(d.pointee.nohyphen)
            Foundation.free(d)
        }
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

    /// The machine the bytes describe; nil for anything but a whole, consistent file.
    static func read(_ bytes: [UInt8]) -> Machine? { bytes.withUnsafeBytes { read($0) } }

    static func read(_ bytes: UnsafeRawBufferPointer) -> Machine? {
        let head = Array(format.utf8)
        guard bytes.count > head.count + 64, bytes.prefix(head.count).elementsEqual(head) else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 64)])
        guard hexDigest(body).elementsEqual(bytes[(bytes.count - 64)...]) else { return nil }
        var reader = Reader(bytes: body, at: head.count)
        var levels: [UnsafeMutablePointer<HyphenDict>] = []
        var blocks: [UnsafeMutableRawPointer] = []
        func discard() -> Machine? {
            free(levelsOf: levels.first)
            for block in blocks { Foundation.free(block) }
            return nil
        }
        while let more = reader.byte(), more == 1 {
            guard let dict = readLevel(&reader, blocks: &blocks) else { return discard() }
            levels.last?.pointee.nextlevel = dict
            levels.append(dict)
        }
        guard let first = levels.first, reader.atEnd else { return discard() }
        return Machine(dict: first, blocks: blocks)
    }

    /// One level of the machine, its strings and transitions in one block added to `blocks`; what it
    /// allocated is freed again when it cannot be read whole.
    static func readLevel(_ r: inout Reader, blocks: inout [UnsafeMutableRawPointer]) -> UnsafeMutablePointer<HyphenDict>? {
        guard let dict = calloc(1, MemoryLayout<HyphenDict>.stride)?.assumingMemoryBound(to: HyphenDict.self) else { return nil }
        var block: UnsafeMutableRawPointer?
        var ok = false
        defer {
            if !ok {
                free(levelsOf: dict)
                Foundation.free(block)
            }
        }
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
        // A first pass measures the block: the transitions first (aligned), then the strings.
        var scan = r
        var transitions = 0, text = 0
        for _ in 0..<Int(states) {
            guard let match = scan.text(), let repl = scan.text(), scan.skip(2 + 4), let count = scan.int(), count >= 0, count <= 256,
                  scan.skip(Int(count) * 5) else { return nil }
            transitions += Int(count)
            text += (match.map { $0.count + 1 } ?? 0) + (repl.map { $0.count + 1 } ?? 0)
        }
        guard let memory = malloc(max(1, transitions * MemoryLayout<HyphenTrans>.stride + text)) else { return nil }
        block = memory
        var nextTrans = memory.assumingMemoryBound(to: HyphenTrans.self)
        var nextText = (memory + transitions * MemoryLayout<HyphenTrans>.stride).assumingMemoryBound(to: CChar.self)
        /// `bytes` copied to the block, NUL-terminated.
        func place(_ bytes: UnsafeRawBufferPointer??) -> UnsafeMutablePointer<CChar>? {
            guard case let .some(.some(bytes)) = bytes else { return nil }
            let at = nextText
            if let base = bytes.baseAddress { memcpy(at, base, bytes.count) }
            at[bytes.count] = 0
            nextText += bytes.count + 1
            return at
        }
        for s in 0..<Int(states) {
            guard let match = r.text(), let repl = r.text(), let index = r.byte(), let cut = r.byte(),
                  let fallback = r.int(), fallback >= -1, fallback < states, let count = r.int(), count >= 0, count <= 256 else { return nil }
            table[s].match = place(match)
            table[s].repl = place(repl)
            table[s].replindex = Int8(bitPattern: index)
            table[s].replcut = Int8(bitPattern: cut)
            table[s].fallback_state = fallback
            if count > 0 {
                let trans = nextTrans
                nextTrans += Int(count)
                table[s].trans = trans
                table[s].num_trans = count
                for t in 0..<Int(count) {
                    guard let ch = r.byte(), let next = r.int(), next >= 0, next < states else { return nil }
                    trans[t].ch = CChar(bitPattern: ch)
                    trans[t].new_state = next
                }
            }
        }
        blocks.append(memory)
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

        /// A string field's bytes, in place: nil when the file is cut short; `.some(nil)` for a string
        /// libhyphen left NULL.
        mutating func text() -> UnsafeRawBufferPointer?? {
            guard let count = int() else { return nil }
            if count < 0 { return .some(nil) }
            guard let text = bytes(Int(count)) else { return nil }
            return .some(text)
        }

        /// Moves past `count` bytes; false when fewer are left.
        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, at + count <= bytes.count else { return false }
            at += count
            return true
        }
    }
}
