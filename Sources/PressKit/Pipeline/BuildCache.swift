import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// What the last build made, kept in the output folder (`.presskit-cache.json`): for which meeting file,
/// options and presskit build; every file it read or looked for, stamped before reading; each PDF's
/// fingerprint, page count, report and warnings; and each PDF as written (stamp and digest), so a PDF
/// changed or removed since is made again.
struct BuildCache: Codable {
    /// One PDF of the last build.
    struct Entry: Codable {
        var fingerprint: String
        var pages: Int
        var bytes: Int
        var report: TypographicReport
        var warnings: [Diagnostic] = []
        /// The file as it was written, to notice a PDF changed, truncated or replaced since.
        var written: BuildInputs.Record?

        /// Whether the PDF at `file` is still the one this entry describes.
        func isIntact(_ file: URL) -> Bool { written?.stillHolds(at: file.standardizedFileURL.path) ?? false }
    }

    /// The build identity, meeting file and options the quick check answers for (`Pipeline.identity`).
    var identity = ""
    /// The meeting file the PDFs in the folder were made from.
    var meetingFile = ""
    var entries: [String: Entry] = [:]
    /// Every file the last build read or looked for, by absolute path.
    var inputs: [String: BuildInputs.Record] = [:]
    /// The PDFs the last build was asked for, in order, with their layout and languages.
    var outputs: [Output] = []
    /// Warnings about the meeting file as a whole (stale translations), repeated by every build.
    var warnings: [Diagnostic] = []

    /// One PDF a build was asked for.
    struct Output: Codable { var name: String; var layout: String; var languages: String }

    static func file(in folder: URL) -> URL { folder.appendingPathComponent(".presskit-cache.json") }

    /// The cache of an output folder; an absent, unreadable or older-format one is empty (everything is rebuilt).
    static func load(from folder: URL) -> BuildCache {
        guard let data = try? Data(contentsOf: file(in: folder)), let cache = try? JSONDecoder().decode(BuildCache.self, from: data) else {
            return BuildCache()
        }
        return cache
    }

    func save(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Not flushed to the disk: after a crash, a lost or empty cache only makes the next build rebuild
        // (its stamps and fingerprints no longer match, or it cannot be read).
        try AtomicWriter.write(try encoder.encode(self), to: Self.file(in: folder), flush: false)
        // The no-change check's own copy, or none when this cache needs the JSON (warnings).
        if let quick = QuickCache.text(of: self) {
            try AtomicWriter.write(Data(quick.utf8), to: QuickCache.file(in: folder), flush: false)
        } else {
            unlink(QuickCache.file(in: folder).path)
        }
    }

    /// Whether every input, and every PDF of the last build in `folder`, is still as recorded. Records whose
    /// content had to be compared are taken anew (`renewed` says so), so the next check is by stamps alone.
    mutating func verify(outputsIn folder: URL) -> (holds: Bool, renewed: Bool) {
        var renewed = false
        for (path, record) in inputs {
            guard let checked = record.verified(at: path) else { return (false, renewed) }
            if checked != record { inputs[path] = checked; renewed = true }
        }
        for output in outputs {
            let path = folder.appendingPathComponent("\(output.name).pdf").standardizedFileURL.path
            guard let written = entries[output.name]?.written, let checked = written.verified(at: path) else { return (false, renewed) }
            if checked != written { entries[output.name]?.written = checked; renewed = true }
        }
        return (true, renewed)
    }
}
