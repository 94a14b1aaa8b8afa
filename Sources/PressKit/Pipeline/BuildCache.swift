import Foundation

/// What the last build made, per output file, kept in the output folder (`.presskit-cache.json`): the
/// fingerprint of its inputs, its page count, size and report, so an unchanged document is not rebuilt.
struct BuildCache: Codable {
    struct Entry: Codable {
        var fingerprint: String
        var pages: Int
        var bytes: Int
        var report: TypographicReport
    }

    var entries: [String: Entry] = [:]
    /// Every file the last build read (meeting, ledger, layouts, partials, images, fonts, folders searched),
    /// and a stamp of their sizes and modification times with the build's options: when the stamp is the
    /// same, nothing can have changed and the build ends before reading anything.
    var inputs: [String] = []
    var stamp: String?
    /// The files the last build made, in order.
    var outputs: [String] = []

    /// A stamp of `paths` (size and modification time of each) and of `options`.
    static func stamp(_ paths: [String], options: String) -> String {
        var text = options
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0 {
                text += "\n\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
            } else {
                text += "\n\(path) -"
            }
        }
        return TranslationLedger.fingerprint(text)
    }

    static func file(in folder: URL) -> URL { folder.appendingPathComponent(".presskit-cache.json") }

    /// The cache of an output folder; an absent or unreadable one is empty (everything is rebuilt).
    static func load(from folder: URL) -> BuildCache {
        guard let data = try? Data(contentsOf: file(in: folder)), let cache = try? JSONDecoder().decode(BuildCache.self, from: data) else {
            return BuildCache()
        }
        return cache
    }

    func save(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicWriter.write(try encoder.encode(self), to: Self.file(in: folder))
    }
}
