import CHyphen
import Foundation
import PressKitModel

/// A libhyphen dictionary in memory, loaded once per process for each pattern file's content and shared by
/// every thread's `Hyphenator`: libhyphen only reads it while hyphenating (its buffers are the caller's),
/// so the contexts of a build's threads need not each read the same dictionary again (about 0.6 ms and
/// half a megabyte each for French).
final class HyphenDictionary: @unchecked Sendable {
    private let machine: CompiledHyphenDictionary.Machine
    var pointer: UnsafeMutablePointer<HyphenDict> { machine.dict }
    private init(_ machine: CompiledHyphenDictionary.Machine) { self.machine = machine }
    deinit { machine.free() }

    /// The dictionary of the pattern file at `path`: the one loaded already when the file's content is
    /// the same (its SHA-256), else loaded (`CompiledHyphenDictionary`). A file changed since it was
    /// loaded (a long `watch` session) is loaded again; hyphenators made before keep the old one.
    static func shared(_ path: String) -> HyphenDictionary? {
        let digest = Digest.sha256(file: path)
        lock.lock()
        defer { lock.unlock() }
        if let digest, let known = loaded[path], known.digest == digest { return known.dictionary }
        guard let machine = CompiledHyphenDictionary.load(path, digest: digest) else { return nil }
        let dictionary = HyphenDictionary(machine)
        if let digest { loaded[path] = (digest, dictionary) }
        return dictionary
    }

    nonisolated(unsafe) private static var loaded: [String: (digest: String, dictionary: HyphenDictionary)] = [:]
    private static let lock = NSLock()
}
