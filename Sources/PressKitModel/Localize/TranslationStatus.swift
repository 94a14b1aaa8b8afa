import Foundation

/// Which translations a meeting file lacks, and which were confirmed against a source text that has
/// changed since: what a press office checks before it publishes in several languages.
public struct TranslationStatus {
    /// One translated field in one language.
    public struct Entry: Equatable, Sendable {
        public var path: String
        public var language: String
        public var mark: SourceMark
    }

    public var source: String
    public var languages: [String]
    /// Fields with no text in a language.
    public var missing: [Entry] = []
    /// Translations confirmed against an older source text.
    public var stale: [Entry] = []
    /// Translations never confirmed.
    public var unconfirmed: [Entry] = []
    /// Current fingerprints of the source texts, by field path.
    public var sourcePrints: [String: String] = [:]

    /// The status of every translated field of `meeting` against `ledger`.
    public init(_ meeting: Meeting, ledger: TranslationLedger) {
        languages = meeting.languages
        source = languages.first ?? "fr"
        walk(meeting.data, path: "", ledger: ledger)
    }

    private mutating func walk(_ value: Value, path: String, ledger: TranslationLedger) {
        switch value.kind {
        case .localized(let texts):
            guard let original = texts[source] else {
                missing.append(Entry(path: path, language: source, mark: value.mark))
                return
            }
            let print = TranslationLedger.fingerprint(original)
            sourcePrints[path] = print
            for lang in languages.dropFirst() {
                let entry = Entry(path: path, language: lang, mark: value.mark)
                if texts[lang] == nil { missing.append(entry) }
                else if let confirmed = ledger.confirmed[path]?[lang] { if confirmed != print { stale.append(entry) } }
                else { unconfirmed.append(entry) }
            }
        case .list(let items):
            for (i, item) in items.enumerated() { walk(item, path: "\(path)[\(i)]", ledger: ledger) }
        case .map(let pairs):
            for pair in pairs { walk(pair.value, path: path.isEmpty ? pair.key : "\(path).\(pair.key)", ledger: ledger) }
        default: break
        }
    }

    /// The ledger with `fields` (all translated fields when empty) confirmed in `languages` against today's source.
    public func confirming(_ fields: [String], languages: [String]?, in ledger: TranslationLedger) -> TranslationLedger {
        var ledger = ledger
        let targets = languages ?? Array(self.languages.dropFirst())
        for (path, print) in sourcePrints where fields.isEmpty || fields.contains(where: { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }) {
            for lang in targets where !missing.contains(Entry(path: path, language: lang, mark: .file(""))) {
                ledger.confirmed[path, default: [:]][lang] = print
            }
        }
        return ledger
    }

    /// Warnings (or errors, when `strict`) for stale translations, at their fields.
    public func diagnostics(strict: Bool) -> [Diagnostic] {
        stale.map {
            Diagnostic(strict ? .error : .warning, at: $0.mark, path: $0.path,
                       "the \(LanguageNames.english($0.language)) (\($0.language)) translation was confirmed against an older \(LanguageNames.english(source)) text",
                       hint: "update it, then run `presskit translations confirm FILE \($0.path)`")
        }
    }

    /// A report per language, for people.
    public var summary: String {
        var out = ""
        for lang in languages.dropFirst() {
            let m = missing.filter { $0.language == lang }, s = stale.filter { $0.language == lang }, u = unconfirmed.filter { $0.language == lang }
            out += "\(lang) (\(LanguageNames.english(lang))): \(m.count) missing, \(s.count) stale, \(u.count) not confirmed\n"
            for e in m { out += "  missing: \(e.path)  (\(e.mark))\n" }
            for e in s { out += "  stale:   \(e.path)  (\(e.mark))\n" }
            for e in u { out += "  not confirmed: \(e.path)  (\(e.mark))\n" }
        }
        let sourceMissing = missing.filter { $0.language == source }
        for e in sourceMissing { out += "no \(source) source text: \(e.path)  (\(e.mark))\n" }
        return out
    }
}

extension TranslationStatus.Entry {
    /// Entries are the same field and language, wherever they were read.
    public static func == (a: Self, b: Self) -> Bool { a.path == b.path && a.language == b.language }
}
