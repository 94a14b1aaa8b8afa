import Foundation

/// A calendar day, as written in the data (`2019-05-15`): no time, no time zone.
public struct Day: Hashable, Sendable, Comparable {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }
    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    /// ISO form, `2019-05-15`.
    public var iso: String { String(printf: "%04d-%02d-%02d", year, month, day) }
}

/// A validated data value with its source mark: what layouts read from meeting files.
public struct Value: Sendable {
    /// The shapes a value can take once validated.
    public indirect enum Kind: Sendable {
        /// Text, identical in every language (or already localized).
        case text(String)
        /// Text given per language: language code → text.
        case localized([String: String])
        case integer(Int)
        case boolean(Bool)
        case day(Day)
        case list([Value])
        /// An ordered map; keys keep the order of the file.
        case map([(key: String, value: Value)])
    }

    public var kind: Kind
    public var mark: SourceMark
    /// For a translated text: where each language's text is (so a problem in the English text is named
    /// at the `en:` line, not the French one).
    public var languageMarks: [String: SourceMark] = [:]
    /// For a text written as a literal block (`|`): the file line of its first line, per language ("" for
    /// a text the same in every language), so line N of the text is line `first + N - 1` of the file.
    public var firstLines: [String: Int] = [:]

    /// Where line `line` (1-based) of this text is in the file, when the text is a literal block; else
    /// the text's own place.
    public func place(ofLine line: Int?, language: String = "") -> SourceMark {
        let base = languageMarks[language] ?? mark
        guard let line, line > 0, let first = firstLines[language] ?? firstLines[""] else { return base }
        return SourceMark(file: base.file, line: first + line - 1, column: 1)
    }

    public init(_ kind: Kind, at mark: SourceMark) {
        self.kind = kind
        self.mark = mark
    }

    /// The member named `key` of a map, if any.
    public subscript(key: String) -> Value? {
        if case .map(let pairs) = kind { return pairs.first { $0.key == key }?.value }
        return nil
    }

    /// The members of a map, in order (none for anything else).
    public var pairs: [(key: String, value: Value)] {
        if case .map(let p) = kind { return p }
        return []
    }

    /// A map with the member `key` replaced by `value` (or added at the end).
    public func replacing(_ key: String, with value: Value) -> Value {
        var members = pairs
        if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value } else { members.append((key, value)) }
        return Value(.map(members), at: mark)
    }

    /// Elements of a list (an empty array for anything else).
    public var elements: [Value] {
        if case .list(let items) = kind { return items }
        return []
    }

    /// Text of a scalar in a language-neutral form; nil for lists, maps and per-language text.
    public var text: String? {
        switch kind {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .day(let d): return d.iso
        default: return nil
        }
    }

    /// Whether a layout condition (`if:`) on this value holds: present and not empty or false.
    public var isTruthy: Bool {
        switch kind {
        case .text(let s): return !s.isEmpty
        case .localized(let m): return !m.isEmpty
        case .boolean(let b): return b
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .integer, .day: return true
        }
    }
}
