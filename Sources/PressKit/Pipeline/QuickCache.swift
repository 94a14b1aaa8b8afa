import Foundation
import PressKitModel
import PressKitLayout

/// What the no-change check needs of the last build, beside its `.presskit-cache.json`, in a text file read
/// without Foundation's JSON decoder (`.presskit-cache.quick`): the identity the build answered for, every
/// file it read or looked for with its stamp, and each PDF's name, layout, languages, pages, size, stamp as
/// written and report (kept as JSON, decoded only when read). A rebuild where nothing changed answers from
/// it alone; decoding the JSON cache, whose first use of the decoder costs about a millisecond, was a tenth
/// of that rebuild. Written only when the last build left no warning (warnings are read from the JSON).
struct QuickCache {
    struct Entry { var name: String; var layout: String; var languages: String; var pages: Int; var bytes: Int
                   var written: BuildInputs.Record; var report: Data }

    var identity = ""
    var inputs: [String: BuildInputs.Record] = [:]
    /// The PDFs of the last build, in the order it was asked for them.
    var entries: [Entry] = []

    /// The first line of the file; a file without it is not read.
    static let header = "presskit quick cache 1"

    static func file(in folder: URL) -> URL { folder.appendingPathComponent(".presskit-cache.quick") }

    /// The text of `cache`; nil when it holds warnings, or a PDF without its stamp as written.
    static func text(of cache: BuildCache) -> String? {
        guard cache.warnings.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var lines = [header, "identity\t" + escaped(cache.identity)]
        for (path, record) in cache.inputs.sorted(by: { $0.key < $1.key }) { lines.append("input\t\(escaped(path))\t\(record.textFields)") }
        for output in cache.outputs {
            guard let entry = cache.entries[output.name], entry.warnings.isEmpty, let written = entry.written,
                  let report = try? encoder.encode(entry.report) else { return nil }
            lines.append(["pdf", escaped(output.name), escaped(output.layout), escaped(output.languages), "\(entry.pages)", "\(entry.bytes)",
                          written.textFields, escaped(String(decoding: report, as: UTF8.self))].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The quick cache of an output folder; nil when there is none, or it does not read whole.
    static func load(from folder: URL) -> QuickCache? {
        guard let data = try? Data(contentsOf: file(in: folder)) else { return nil }
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = lines.first, first.elementsEqual(header.utf8), lines.last?.isEmpty == true else { return nil }
        lines.removeLast()
        func text(_ field: ArraySlice<UInt8>) -> String { unescaped(String(decoding: field, as: UTF8.self)) }
        var cache = QuickCache()
        for line in lines.dropFirst() {
            let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            if f.count == 2, f[0].elementsEqual("identity".utf8) {
                cache.identity = text(f[1])
            } else if f.count == 10, f[0].elementsEqual("input".utf8), let record = BuildInputs.Record(textFields: Array(f[2...])) {
                cache.inputs[text(f[1])] = record
            } else if f.count == 15, f[0].elementsEqual("pdf".utf8), let pages = Int(ascii: f[4]), let bytes = Int(ascii: f[5]),
                      let written = BuildInputs.Record(textFields: Array(f[6..<14])) {
                cache.entries.append(Entry(name: text(f[1]), layout: text(f[2]), languages: text(f[3]), pages: pages, bytes: bytes,
                                           written: written, report: Data(text(f[14]).utf8)))
            } else {
                return nil
            }
        }
        return cache.entries.isEmpty ? nil : cache
    }

    /// The PDFs of the last build, unchanged, when every file it read and every PDF it wrote is still as
    /// recorded by its stamp alone; nil otherwise (a file whose content must be compared too leaves the
    /// answer to the JSON cache, which records the comparison).
    func unchanged(in folder: URL) -> [BuiltFile]? {
        for (path, record) in inputs { guard record.verified(at: path) == record else { return nil } }
        var files: [BuiltFile] = []
        for entry in entries {
            let file = folder.appendingPathComponent("\(entry.name).pdf")
            guard entry.written.verified(at: file.standardizedFileURL.path) == entry.written else { return nil }
            files.append(BuiltFile(file: file, layout: entry.layout, language: entry.languages, pages: entry.pages, bytes: entry.bytes, seconds: 0,
                                   reportSource: LazyReport(json: entry.report, document: entry.name), warnings: [], unchanged: true))
        }
        return files
    }

    /// A field with its percent sign, tabs and line breaks written %25, %09, %0A and %0D.
    static func escaped(_ field: String) -> String {
        field.replacingScalars { scalar in
            switch scalar {
            case "%": return "%25"
            case "\t": return "%09"
            case "\n": return "%0A"
            case "\r": return "%0D"
            default: return nil
            }
        }
    }

    /// A field as `escaped` wrote it, read back in one pass.
    static func unescaped(_ field: String) -> String {
        guard field.containsByte(UInt8(ascii: "%")) else { return field }
        /// The byte `%` and these two digits stand for.
        func code(_ a: UInt8, _ b: UInt8) -> UInt8? {
            switch (a, b) {
            case (UInt8(ascii: "2"), UInt8(ascii: "5")): return UInt8(ascii: "%")
            case (UInt8(ascii: "0"), UInt8(ascii: "9")): return UInt8(ascii: "\t")
            case (UInt8(ascii: "0"), UInt8(ascii: "A")): return UInt8(ascii: "\n")
            case (UInt8(ascii: "0"), UInt8(ascii: "D")): return UInt8(ascii: "\r")
            default: return nil
            }
        }
        let bytes = Array(field.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let c = code(bytes[i + 1], bytes[i + 2]) {
                out.append(c)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
