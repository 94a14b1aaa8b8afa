import Foundation

/// Applies a language's typographic conventions to the text of one paragraph, given as runs
/// (so quotes opened in one run and closed in another pair up, and run boundaries are kept).
public struct Typography {
    public static let nbsp: Character = "\u{00A0}"
    public static let narrowNbsp: Character = "\u{202F}"

    public var language: String
    /// Personal names printed in the text (the chair, speakers, contacts, credits): never broken between
    /// given name and surname, so each space inside one becomes a no-break space.
    public var names: [String] = []
    public init(language: String, names: [String] = []) { self.language = language; self.names = names }

    /// Abbreviations that stay on the line of the word or number after them, per language (a no-break space follows).
    package static let bindingAbbreviations: [String: Set<String>] = [
        "fr": ["p.", "pp.", "art.", "M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Pr", "vol.", "chap.", "fig.", "n°", "N°", "S.E.", "S.M."],
        "en": ["p.", "pp.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof.", "St", "St.", "vol.", "fig.", "No.", "HE", "H.E."],
        "de": ["S.", "Nr.", "Dr.", "Prof.", "Hr.", "Fr.", "Abs.", "Art.", "Bd.", "Abb."],
        "it": ["p.", "pag.", "pp.", "n.", "sig.", "sig.ra", "dott.", "dott.ssa", "prof.", "art.", "on.", "S.E."],
    ]

    /// Words after a number that must stay on its line: units and month names (made once per language).
    private var unitWords: Set<String> {
        Self.lock.lock(); defer { Self.lock.unlock() }
        if let known = Self.units[language] { return known }
        var words: Set<String> = ["%", "‰", "€", "$", "£", "h", "min", "km", "m", "kg", "g", "Mo", "Go", "Ko", "MB", "GB", "KB",
                                  "ans", "years", "millions", "milliards", "million", "billion"]
        for m in DateStyle.monthNames(language) { words.insert(m); words.insert(m.capitalized) }
        Self.units[language] = words
        return words
    }

    nonisolated(unsafe) private static var units: [String: Set<String>] = [:]
    private static let lock = NSLock()

    /// Returns the runs' texts with quotes, apostrophes and no-break spaces set for the language.
    public func apply(_ segments: [String]) -> [String] {
        var input: [(Character, Int)] = []
        for (i, s) in segments.enumerated() { for c in s { input.append((c, i)) } }
        var out: [(Character, Int)] = []
        let french = language == "fr"
        let units = unitWords
        var skipSpaces = false
        var quoteDepth = 0

        func last() -> Character? { out.last?.0 }
        func isSpace(_ c: Character?) -> Bool { c == " " || c == Self.nbsp || c == Self.narrowNbsp }
        func trimSpaces() { while let c = last(), isSpace(c) { out.removeLast() } }
        func opens(_ prev: Character?) -> Bool {
            guard let prev else { return true }
            return prev.isWhitespace || "([{«“‘—–/".contains(prev) || prev == Self.nbsp || prev == Self.narrowNbsp
        }
        /// Whether the text so far ends with a number sign: N°, No., Nr., N.
        func endsWithNumberSign() -> Bool {
            let tail = String(out.suffix(4).map(\.0))
            if tail.hasSuffix("°") { return true }
            return ["No.", "Nr.", "N."].contains { sign in
                tail.hasSuffix(sign) && (tail.count == sign.count || tail.dropLast(sign.count).last.map { !$0.isLetter } ?? true)
            }
        }
        let abbreviations = Self.bindingAbbreviations[language] ?? []
        /// The word the text so far ends with (after the last space or opening bracket).
        func lastWord() -> String {
            var word = ""
            for (c, _) in out.reversed() {
                if c.isWhitespace || c == Self.nbsp || c == Self.narrowNbsp || "([«“".contains(c) { break }
                word.insert(c, at: word.startIndex)
                if word.count > 9 { break }
            }
            return word
        }
        func nextWord(after index: Int) -> String {
            var word = ""
            var j = index + 1
            while j < input.count, !input[j].0.isWhitespace, !",.;:!?)".contains(input[j].0) { word.append(input[j].0); j += 1 }
            return word
        }
        /// Whether the text around `index` looks like an address (URL, e-mail), where nothing may change.
        func inAddress(_ index: Int) -> Bool {
            var start = index, end = index
            while start > 0, !input[start - 1].0.isWhitespace { start -= 1 }
            while end < input.count - 1, !input[end + 1].0.isWhitespace { end += 1 }
            let word = String(input[start...end].map(\.0))
            return word.contains("://") || word.contains("@") || word.hasPrefix("www.")
        }

        for (index, (c, seg)) in input.enumerated() {
            if skipSpaces, c == " " || c == Self.nbsp { continue }
            skipSpaces = false
            switch c {
            case "'", "’":
                if c == "'", !french, language != "it", opens(last()) { out.append((language == "de" ? "‚" : "‘", seg)) } else { out.append(("’", seg)) }
            case "\"":
                // Quotation marks by language: « » with narrow spaces (fr), « » (it), „ “ (de), “ ” (others).
                if opens(last()) || quoteDepth == 0 && !(last()?.isLetter ?? false) && !(last().map { ".,;!?".contains($0) } ?? false) {
                    quoteDepth += 1
                    if french { out.append(("«", seg)); out.append((Self.narrowNbsp, seg)); skipSpaces = true }
                    else { out.append((language == "it" ? "«" : language == "de" ? "„" : "“", seg)) }
                } else {
                    quoteDepth = max(0, quoteDepth - 1)
                    if french { trimSpaces(); out.append((Self.narrowNbsp, seg)); out.append(("»", seg)) }
                    else { out.append((language == "it" ? "»" : language == "de" ? "“" : "”", seg)) }
                }
            case "«" where french:
                out.append((c, seg)); out.append((Self.narrowNbsp, seg)); skipSpaces = true
            case "»" where french:
                trimSpaces(); out.append((Self.narrowNbsp, seg)); out.append((c, seg))
            case ";", "!", "?":
                if !french || inAddress(index) { out.append((c, seg)); break }
                if let p = last(), isSpace(p) { out.removeLast(); out.append((Self.narrowNbsp, seg)) }
                else if let p = last(), p.isLetter || p.isNumber || "»)]’".contains(p) { out.append((Self.narrowNbsp, seg)) }
                out.append((c, seg))
            case ":":
                if !french || inAddress(index) { out.append((c, seg)); break }
                let next = index + 1 < input.count ? input[index + 1].0 : nil
                if let p = last(), p.isNumber, let next, next.isNumber { out.append((c, seg)); break }  // 12:30
                if let p = last(), isSpace(p) { out.removeLast(); out.append((Self.nbsp, seg)) }
                else if let p = last(), p.isLetter || p.isNumber || "».)]’".contains(p) { out.append((Self.nbsp, seg)) }
                out.append((c, seg))
            case " ":
                let following = index + 1 < input.count ? input[index + 1].0 : nil
                if let p = last(), p.isNumber, units.contains(nextWord(after: index)) || following?.isNumber == true {
                    out.append((Self.nbsp, seg))  // 26 août, 20 %, 01 53 18 43 10
                }
                else if following?.isNumber == true, endsWithNumberSign() {
                    out.append((Self.nbsp, seg))  // N° 22, No. 22, Nr. 22, N. 22
                }
                else if last() == "©" || abbreviations.contains(lastWord()) {
                    out.append((Self.nbsp, seg))  // © Thomas Trutschel, p. 12, M. Dupont
                }
                else { out.append((c, seg)) }
            default:
                out.append((c, seg))
            }
        }
        var result = Array(repeating: "", count: segments.count)
        for (c, seg) in out { result[seg].append(c) }
        return names.isEmpty ? result : bindNames(result)
    }

    /// The segments with the spaces inside each personal name made no-break spaces: a name split over two
    /// runs ("**Cédric** O") is found too, since it is searched in the whole paragraph.
    func bindNames(_ segments: [String]) -> [String] {
        var chars = segments.enumerated().flatMap { i, s in s.map { ($0, i) } }
        let whole = String(chars.map(\.0))
        for name in names where name.contains(" ") {
            var from = whole.startIndex
            while let r = whole.range(of: name, range: from..<whole.endIndex) {
                let start = whole.distance(from: whole.startIndex, to: r.lowerBound)
                for k in start..<(start + name.count) where chars[k].0 == " " { chars[k].0 = Self.nbsp }
                from = r.upperBound
            }
        }
        var result = Array(repeating: "", count: segments.count)
        for (c, seg) in chars { result[seg].append(c) }
        return result
    }
}
