import Foundation
import PressKitModel
import PressKitDocument

/// Lines already set, by paragraph, measure and setting rules: a paragraph laid out again unchanged (the
/// second pass of a document with a table of contents, a heading repeated in a running header, every
/// paragraph an edit in `watch` did not touch) is not shaped, hyphenated or broken again. Like the unit
/// cache, it keeps across builds only what the last build used once it holds more than `limit` entries.
public final class ParagraphCache: @unchecked Sendable {
    /// What decides a paragraph's lines: the paragraph itself (text, runs, style, language, names, hang,
    /// the places named in messages), the measure, and the shaper's rules (breaker, house hyphenation).
    struct Key: Hashable {
        var paragraph: Paragraph
        var width: Double
        var rules: Int
        /// The hash of the runs' text (their UTF-8 bytes, as loaded: normalized to NFC), the measure and
        /// the rules, computed once: a String's own hash normalizes non-ASCII text each time, and a
        /// paragraph is looked up and stored under the cache's lock. Keys that differ elsewhere only
        /// (style, marks) are told apart by `==`.
        private let hash: Int

        init(paragraph: Paragraph, width: Double, rules: Int) {
            self.paragraph = paragraph
            self.width = width
            self.rules = rules
            var hasher = Hasher()
            for run in paragraph.runs {
                var text = run.text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                hasher.combine(0xFF as UInt8)  // no UTF-8 byte: where a run ends
            }
            // Where it came from: the same text printed at several places is several paragraphs (their
            // messages name their own places).
            hasher.combine(paragraph.mark?.line ?? 0)
            hasher.combine(paragraph.mark?.column ?? 0)
            hasher.combine(paragraph.sources.count)
            for source in paragraph.sources { hasher.combine(source.mark.line); hasher.combine(source.mark.column) }
            hasher.combine(paragraph.style.size.pt)
            hasher.combine(width)
            hasher.combine(rules)
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.width == b.width && a.rules == b.rules && a.paragraph == b.paragraph
        }
    }

    /// The lines, and what setting them warned of, with the build that last used them.
    private struct Entry {
        var lines: [ShapedLine]
        var warnings: [Diagnostic]
        var build: Int
    }

    private var entries: [Key: Entry] = [:]
    /// The shapers' rules seen so far, each numbered once.
    private var rules: [PangoShaper.Rules: Int] = [:]
    private var build = 0
    private let lock = NSLock()
    /// How many paragraphs the cache keeps across builds before letting unused ones go.
    public let limit: Int
    /// How many paragraphs were set, and how many were found set already.
    public private(set) var set = 0, reused = 0

    public init(limit: Int = 20_000) { self.limit = limit }

    /// The number of paragraphs kept.
    public var count: Int { lock.withLock { entries.count } }

    /// Starts a new build: when the cache holds more than `limit` paragraphs, those the previous build did
    /// not use are let go.
    public func beginBuild() {
        lock.withLock {
            if entries.count > limit { entries = entries.filter { $0.value.build == build } }
            build += 1
        }
    }

    /// The number standing for a shaper's rules.
    func number(of rules: PangoShaper.Rules) -> Int {
        lock.withLock {
            if let known = self.rules[rules] { return known }
            let n = self.rules.count
            self.rules[rules] = n
            return n
        }
    }

    /// The lines set before for `key`, with their warnings.
    func lines(for key: Key) -> (lines: [ShapedLine], warnings: [Diagnostic])? {
        lock.withLock {
            guard let entry = entries[key] else { return nil }
            reused += 1
            if entry.build != build { entries[key]?.build = build }
            return (entry.lines, entry.warnings)
        }
    }

    /// Keeps the lines set for `key`.
    func store(_ lines: [ShapedLine], warnings: [Diagnostic], for key: Key) {
        lock.withLock {
            set += 1
            entries[key] = Entry(lines: lines, warnings: warnings, build: build)
        }
    }
}
