import Foundation
import Yams

/// The record of confirmed translations kept beside a meeting file (`meeting.translations.yaml`): for each
/// field and language, a short fingerprint of the source text the translation was confirmed against.
public struct TranslationLedger: Equatable {
    /// field path → language → fingerprint of the source text at confirmation.
    public var confirmed: [String: [String: String]] = [:]

    public init() {}

    /// The ledger's file for a meeting file: `NAME.translations.yaml` beside it.
    public static func file(for meetingPath: String) -> URL {
        let url = URL(fileURLWithPath: meetingPath)
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(base).translations.yaml")
    }

    /// Reads the ledger; an absent file is an empty ledger, a damaged one an error naming it.
    public static func load(for meetingPath: String, inputs: BuildInputs? = nil) throws -> TranslationLedger {
        let url = file(for: meetingPath)
        guard inputs?.exists(url) ?? FileManager.default.fileExists(atPath: url.path) else { return TranslationLedger() }
        let source = try YAMLSource.read(url.path, displayPath: LayoutLibrary.display(url), inputs: inputs)
        var ledger = TranslationLedger()
        guard let fields = source.root.mapping?.member("fields")?.mapping else {
            throw DiagnosticError(Diagnostic(at: .file(source.path), "expected a `fields:` map", hint: "delete the file and confirm the translations again"))
        }
        for (key, value) in fields {
            guard let path = key.string, let languages = value.mapping else { continue }
            for (lang, print) in languages {
                if let l = lang.string, let p = print.string { ledger.confirmed[path, default: [:]][l] = p }
            }
        }
        return ledger
    }

    /// The ledger as YAML, sorted so that it diffs well in version control.
    public func yaml() -> String {
        var out = "# Written by `presskit translations confirm`: the source text each translation was checked against.\n"
        out += "# A field whose source text changes since shows as stale in `presskit translations`.\n"
        out += "fields:\n"
        for path in confirmed.keys.sorted() {
            let langs = confirmed[path]!.keys.sorted().map { "\($0): \"\(confirmed[path]![$0]!)\"" }.joined(separator: ", ")
            out += "  \"\(path)\": {\(langs)}\n"
        }
        return out
    }

    /// Writes the ledger beside the meeting file, atomically.
    public func save(for meetingPath: String) throws {
        try AtomicWriter.write(Data(yaml().utf8), to: Self.file(for: meetingPath))
    }

    /// A short fingerprint of a text (64-bit FNV-1a of its NFC form, in hexadecimal).
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Text below U+0300 holds no combining mark: it is its own NFC form, and is not composed again.
        let plain = !text.unicodeScalars.contains { $0.value >= 0x300 }
        for byte in (plain ? text : text.precomposedStringWithCanonicalMapping).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
