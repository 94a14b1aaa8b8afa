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
