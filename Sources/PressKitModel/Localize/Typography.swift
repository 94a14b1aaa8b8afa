import Foundation

/// Applies a language's typographic conventions to the text of one paragraph, given as runs
/// (so quotes opened in one run and closed in another pair up, and run boundaries are kept).
public struct Typography {
    public static let nbsp: Character = "\u{00A0}"
    public static let narrowNbsp: Character = "\u{202F}"

    public var language: String
    /// Personal names printed in the text (the chair, speakers, contacts, credits): never broken between
    /// given name and surname, so each space inside one becomes a no-break space.
    public var names: [String] = [] { didSet { spacedNames = Self.spaced(names) } }
    /// The names that hold a space, as scalars, in order: what `bindNames` looks for in every paragraph
    /// (made once, not searched for with Foundation's `contains` and copied for each name of each paragraph).
    private var spacedNames: [[Unicode.Scalar]] = []
    public init(language: String, names: [String] = []) { self.language = language; self.names = names; spacedNames = Self.spaced(names) }

    private static func spaced(_ names: [String]) -> [[Unicode.Scalar]] {
        names.filter { $0.containsByte(UInt8(ascii: " ")) }.map { Array($0.unicodeScalars) }
    }

    /// Abbreviations that stay on the line of the word or number after them, per language (a no-break space follows).
    package static let bindingAbbreviations: [String: Set<String>] = [
        "fr": ["p.", "pp.", "art.", "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Pr", "vol.", "chap.", "fig.", "n°", "N°", "S.E.", "S.M."],
        "en": ["p.", "pp.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "St", "St.", "vol.", "fig.", "No.", "HE", "H.E."],
        "de": ["S.", "Nr.", "Dr.", "Prof.", "Hr.", "Fr.", "Abs.", "Art.", "Bd.", "Abb."],
        "it": ["p.", "pag.", "pp.", "n.", "sig.", "sig.ra", "dott.", "dott.ssa", "prof.", "art.", "on.", "S.E."],
    ]

    /// Each binding abbreviation's length in scalars with its first and last scalar, per language: a word
    /// whose outline is not among them is no abbreviation, and no string is made of it to look it up.
    static let abbreviationOutlines: [String: Set<UInt64>] = bindingAbbreviations.mapValues { words in
        Set(words.compactMap { word in
            let scalars = Array(word.unicodeScalars)
            return scalars.first.map { outline(count: scalars.count, first: $0, last: scalars[scalars.count - 1]) }
        })
    }

    /// A word's outline: its length in scalars, its first and its last scalar, in one number.
    @inline(__always) static func outline(count: Int, first: Unicode.Scalar, last: Unicode.Scalar) -> UInt64 {
        UInt64(count) << 42 | UInt64(first.value) << 21 | UInt64(last.value)
    }

    /// Words after a number that must stay on its line: units and month names (made once per language).
    private var unitWords: Set<String> {
        Self.lock.lock(); defer { Self.lock.unlock() }
        if let known = Self.units[language] { return known }
        var words: Set<String> = ["%", "‰", "€", "$", "£", "h", "min", "km", "m", "kg", "g", "Mo", "Go", "Ko", "MB", "GB", "KB",
                                  "ans", "years", "millions", "milliards", "million", "billion"]
        for m in DateStyle.monthNames(language) { words.insert(m); words.insert(m.prefix(1).uppercased() + m.dropFirst().lowercased()) }
        Self.units[language] = words
        return words
    }

    nonisolated(unsafe) private static var units: [String: Set<String>] = [:]
    private static let lock = NSLock()

    /// Returns the runs' texts with quotes, apostrophes and no-break spaces set for the language.
    /// Works on Unicode scalars (a combining mark is read with the letter before it), with no string search.
    public func apply(_ segments: [String]) -> [String] {
        var input: [(Unicode.Scalar, Int)] = []
        input.reserveCapacity(segments.reduce(0) { $0 + $1.utf8.count })
        for (i, s) in segments.enumerated() { for c in s.unicodeScalars { input.append((c, i)) } }
        var out: [(Unicode.Scalar, Int)] = []
        out.reserveCapacity(input.count + 16)
        let french = language == "fr"
        let units = unitWords
        var skipSpaces = false
        var quoteDepth = 0
        let nbsp = Self.nbspScalar, narrow = Self.narrowScalar

        /// The last character written: its first scalar (combining marks belong to the letter before them).
        func last() -> Unicode.Scalar? {
            var k = out.count - 1
            while k >= 0, Self.isCombining(out[k].0) { k -= 1 }
            return k >= 0 ? out[k].0 : nil
        }
        func isSpace(_ c: Unicode.Scalar?) -> Bool { c == " " || c == nbsp || c == narrow }
        func trimSpaces() { while let c = out.last?.0, isSpace(c) { out.removeLast() } }
        func opens(_ prev: Unicode.Scalar?) -> Bool {
            guard let prev else { return true }
            return Self.isWhitespace(prev) || Self.isOpener(prev)
        }
        /// Whether the text so far ends with a number sign: N°, No., Nr., N.
        func endsWithNumberSign() -> Bool {
            guard let end = out.last?.0 else { return false }
            if end == "°" { return true }
            guard end == "." else { return false }
            for sign in ["No.", "Nr.", "N."] {
                let n = sign.unicodeScalars.count
                guard out.count >= n, zip(out[(out.count - n)...], sign.unicodeScalars).allSatisfy({ $0.0.0 == $0.1 }) else { continue }
                if out.count == n || !Self.isLetter(out[out.count - n - 1].0) { return true }
            }
            return false
        }
        let abbreviations = Self.bindingAbbreviations[language] ?? []
        let outlines = Self.abbreviationOutlines[language] ?? []
        /// The word the text so far ends with (after the last space or opening bracket), if at most ten scalars long
        /// and outlined like one of the language's abbreviations (nil otherwise: it cannot be one).
        func lastWord() -> String? {
            var k = out.count
            while k > 0, !Self.isWhitespace(out[k - 1].0), !Self.isWordOpener(out[k - 1].0) {
                k -= 1
                if out.count - k > 10 { return nil }
            }
            guard k < out.count, outlines.contains(Self.outline(count: out.count - k, first: out[k].0, last: out[out.count - 1].0)) else { return nil }
            var word = UTF8Writer(capacity: 16)
            for (c, _) in out[k...] { word.append(c) }
            return word.string
        }
        func nextWord(after index: Int) -> String {
            var word = UTF8Writer(capacity: 16)
            var j = index + 1
            while j < input.count, !Self.isWhitespace(input[j].0), !Self.isWordEnder(input[j].0) { word.append(input[j].0); j += 1 }
            return word.string
        }
        /// Whether the text around `index` looks like an address (URL, e-mail), where nothing may change.
        func inAddress(_ index: Int) -> Bool {
            var start = index, end = index
            while start > 0, !Self.isWhitespace(input[start - 1].0) { start -= 1 }
            while end < input.count - 1, !Self.isWhitespace(input[end + 1].0) { end += 1 }
            if end - start >= 3, input[start].0 == "w", input[start + 1].0 == "w", input[start + 2].0 == "w", input[start + 3].0 == "." { return true }
            for k in start...end {
                if input[k].0 == "@" { return true }
                if input[k].0 == ":", k + 2 <= end, input[k + 1].0 == "/", input[k + 2].0 == "/" { return true }
            }
            return false
        }

        for (index, (c, seg)) in input.enumerated() {
            if skipSpaces, c == " " || c == nbsp { continue }
            skipSpaces = false
            switch c {
            case "'", "’":
                if c == "'", !french, language != "it", opens(last()) { out.append((language == "de" ? "‚" : "‘", seg)) } else { out.append(("’", seg)) }
            case "\"":
                // Quotation marks by language: « » with narrow spaces (fr), « » (it), „ “ (de), “ ” (others).
                if opens(last()) || quoteDepth == 0 && !(last().map(Self.isLetter) ?? false) && !(last().map(Self.isSentencePunctuation) ?? false) {
                    quoteDepth += 1
                    if french { out.append(("«", seg)); out.append((narrow, seg)); skipSpaces = true }
                    else { out.append((language == "it" ? "«" : language == "de" ? "„" : "“", seg)) }
                } else {
                    quoteDepth = max(0, quoteDepth - 1)
                    if french { trimSpaces(); out.append((narrow, seg)); out.append(("»", seg)) }
                    else { out.append((language == "it" ? "»" : language == "de" ? "“" : "”", seg)) }
                }
            case "«" where french:
                out.append((c, seg)); out.append((narrow, seg)); skipSpaces = true
            case "»" where french:
                trimSpaces(); out.append((narrow, seg)); out.append((c, seg))
            case ";", "!", "?":
                if !french || inAddress(index) { out.append((c, seg)); break }
                if let p = out.last?.0, isSpace(p) { out.removeLast(); out.append((narrow, seg)) }
                else if let p = last(), Self.isLetter(p) || Self.isNumber(p) || "»)]’".unicodeScalars.contains(p) { out.append((narrow, seg)) }
                out.append((c, seg))
            case ":":
                if !french || inAddress(index) { out.append((c, seg)); break }
                let next = index + 1 < input.count ? input[index + 1].0 : nil
                if let p = last(), Self.isNumber(p), let next, Self.isNumber(next) { out.append((c, seg)); break }  // 12:30
                if let p = out.last?.0, isSpace(p) { out.removeLast(); out.append((nbsp, seg)) }
                else if let p = last(), Self.isLetter(p) || Self.isNumber(p) || "».)]’".unicodeScalars.contains(p) { out.append((nbsp, seg)) }
                out.append((c, seg))
            case " ":
                let following = index + 1 < input.count ? input[index + 1].0 : nil
                if let p = last(), Self.isNumber(p), following.map(Self.isNumber) == true || units.contains(nextWord(after: index)) {
                    out.append((nbsp, seg))  // 26 août, 20 %, 01 53 18 43 10
                }
                else if following.map(Self.isNumber) == true, endsWithNumberSign() {
                    out.append((nbsp, seg))  // N° 22, No. 22, Nr. 22, N. 22
                }
                else if last() == "©" || lastWord().map(abbreviations.contains) == true {
                    out.append((nbsp, seg))  // © Thomas Trutschel, p. 12, M. Dupont
                }
                else { out.append((c, seg)) }
            default:
                out.append((c, seg))
            }
        }
        return names.isEmpty ? Self.segments(out, count: segments.count) : bindNames(out, count: segments.count)
    }

    /// The texts of `count` segments from their scalars, each tagged with its segment.
    static func segments(_ chars: [(Unicode.Scalar, Int)], count: Int) -> [String] {
        var result = Array(repeating: UTF8Writer(), count: count)
        for (c, seg) in chars { result[seg].append(c) }
        return result.map(\.string)
    }

    /// The segments with the spaces inside each personal name made no-break spaces: a name split over two
    /// runs ("**Cédric** O") is found too, since it is searched in the whole paragraph.
    func bindNames(_ segmentScalars: [(Unicode.Scalar, Int)], count: Int) -> [String] {
        var chars = segmentScalars
        for target in spacedNames {
            guard let first = target.first, target.count <= chars.count else { continue }
            var k = 0
            while k + target.count <= chars.count {
                guard chars[k].0 == first, (1..<target.count).allSatisfy({ chars[k + $0].0 == target[$0] }) else { k += 1; continue }
                for j in k..<(k + target.count) where chars[j].0 == " " { chars[j].0 = Self.nbspScalar }
                k += target.count
            }
        }
        return Self.segments(chars, count: count)
    }

    static let nbspScalar: Unicode.Scalar = "\u{00A0}"
    static let narrowScalar: Unicode.Scalar = "\u{202F}"
    // The small sets of punctuation below are switches, not Sets: hashing a scalar cost more than the
    // comparisons, for every character of every paragraph.

    /// What a quotation mark may open after.
    @inline(__always) static func isOpener(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "(", "[", "{", "«", "“", "‘", "—", "–", "/", "\u{00A0}", "\u{202F}": return true
        default: return false
        }
    }

    /// What a word starts after, besides spaces.
    @inline(__always) static func isWordOpener(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "(", "[", "«", "“": return true
        default: return false
        }
    }

    /// What ends the word after a number (a unit, a month).
    @inline(__always) static func isWordEnder(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ",", ".", ";", ":", "!", "?", ")": return true
        default: return false
        }
    }

    /// What a closing quotation mark follows.
    @inline(__always) static func isSentencePunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ".", ",", ";", "!", "?": return true
        default: return false
        }
    }

    /// Whether a scalar is white space (Unicode's White_Space), read without the property tables for ASCII.
    @inline(__always) static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? c == " " || (0x09...0x0D).contains(c.value) : c.properties.isWhitespace
    }

    /// Whether a scalar is a letter (Unicode's Alphabetic), as `Character.isLetter` reads a character's first scalar.
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A : c.properties.isAlphabetic
    }

    /// Whether a scalar has a numeric value, as `Character.isNumber` reads a character's first scalar.
    @inline(__always) static func isNumber(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (0x30...0x39).contains(c.value) : c.properties.numericType != nil
    }

    /// Whether a scalar is a combining mark, read as part of the character before it.
    @inline(__always) static func isCombining(_ c: Unicode.Scalar) -> Bool {
        guard c.value >= 0x300 else { return false }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return c.value == 0x200D || (0xFE00...0xFE0F).contains(c.value)
        }
    }
}
