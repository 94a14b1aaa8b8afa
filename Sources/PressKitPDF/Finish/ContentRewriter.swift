import Foundation

/// Changes to marked content in a page's content stream, read as PDF tokens (names, numbers, strings,
/// dictionaries, operators), never as text patterns: a string drawn on the page is never mistaken for one.
enum ContentRewriter {
    /// One token and where it is in the content.
    struct Token {
        enum Kind: Equatable { case name, number, string, open, close, arrayOpen, arrayClose, word }
        var kind: Kind
        var range: Range<Int>
    }

    /// The tokens of `bytes`, comments and whitespace left out.
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(bytes.count / 4)
        var i = 0
        let n = bytes.count
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 || b == 12 || b == 0 }
        // A switch, not a search of a string's bytes: asked for nearly every byte of every page.
        func isDelimiter(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
            default: return false
            }
        }
        func isNumeric(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
        }
        while i < n {
            let b = bytes[i]
            if isSpace(b) { i += 1; continue }
            let start = i
            switch b {
            case UInt8(ascii: "%"):
                while i < n, bytes[i] != 10, bytes[i] != 13 { i += 1 }
                continue
            case UInt8(ascii: "/"):
                i += 1
                while i < n, !isSpace(bytes[i]), !isDelimiter(bytes[i]) { i += 1 }
                out.append(Token(kind: .name, range: start..<i))
            case UInt8(ascii: "("):
                var depth = 0
                while i < n {
                    if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if bytes[i] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[i] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
                out.append(Token(kind: .string, range: start..<min(i, n)))
            case UInt8(ascii: "<"):
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "<") { i += 2; out.append(Token(kind: .open, range: start..<i)); continue }
                while i < n, bytes[i] != UInt8(ascii: ">") { i += 1 }
                i = min(i + 1, n)
                out.append(Token(kind: .string, range: start..<i))
            case UInt8(ascii: ">"):
                i += bytes.count > i + 1 && bytes[i + 1] == UInt8(ascii: ">") ? 2 : 1
                out.append(Token(kind: .close, range: start..<i))
            case UInt8(ascii: "["): i += 1; out.append(Token(kind: .arrayOpen, range: start..<i))
            case UInt8(ascii: "]"): i += 1; out.append(Token(kind: .arrayClose, range: start..<i))
            default:
                while i < n, !isSpace(bytes[i]), !isDelimiter(bytes[i]) { i += 1 }
                if i == start { i += 1 }
                // Byte by byte: a slice of `bytes` would retain and release its storage for every word.
                var numeric = true
                for j in start..<i where !isNumeric(bytes[j]) { numeric = false; break }
                out.append(Token(kind: numeric ? .number : .word, range: start..<i))
            }
        }
        return out
    }

    static func text(_ bytes: [UInt8], _ token: Token) -> String { String(decoding: bytes[token.range], as: UTF8.self) }

    /// Whether a token is exactly `word` (compared as bytes: no string is made).
    static func isWord(_ bytes: [UInt8], _ token: Token, _ word: StaticString) -> Bool {
        token.range.count == word.utf8CodeUnitCount && word.withUTF8Buffer { bytes[token.range].elementsEqual($0) }
    }

    /// Whether `bytes` hold `needle` anywhere.
    static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { n in
            guard let first = n.first, bytes.count >= n.count else { return false }
            var i = 0
            while i <= bytes.count - n.count {
                if bytes[i] == first, bytes[i..<(i + n.count)].elementsEqual(n) { return true }
                i += 1
            }
            return false
        }
    }

    /// A marked-content sequence as Cairo opens it, `/P << /MCID 4 >> BDC`: where its operator and operands
    /// are, and its MCID.
    struct Mark: Sendable {
        var range: Range<Int>
        var mcid: Int
    }

    /// What a page's content may need changed, from one reading of its tokens: its marked content with an
    /// MCID, and its /ActualText spans (nil when it holds none: no token is read for them).
    struct Scan: Sendable {
        var marks: [Mark]
        var spans: [ActualTextSpan]?
    }

    /// The marked content and /ActualText spans of `bytes`.
    static func scan(_ bytes: [UInt8]) -> Scan {
        let t = tokens(bytes)
        return Scan(marks: marks(bytes, t), spans: contains(bytes, "/ActualText") ? actualTextSpans(bytes, t) : nil)
    }

    /// Each `/Tag << /MCID n >> BDC` of tokens `t` of `bytes`, in order.
    static func marks(_ bytes: [UInt8], _ t: [Token]) -> [Mark] {
        var out: [Mark] = []
        var k = 0
        while k + 5 < t.count {
            if t[k].kind == .name, t[k + 1].kind == .open, isWord(bytes, t[k + 2], "/MCID"),
               t[k + 3].kind == .number, let mcid = Int(text(bytes, t[k + 3])), t[k + 4].kind == .close, isWord(bytes, t[k + 5], "BDC") {
                out.append(Mark(range: t[k].range.lowerBound..<t[k + 5].range.upperBound, mcid: mcid))
                k += 6
                continue
            }
            k += 1
        }
        return out
    }

    /// `/Private << /MCID 4 >> BDC` (Cairo's marked content of an element drawn for an artifact) as
    /// `/Artifact << /Type /Pagination >> BDC`: the edits for the `marks` whose MCIDs are in `artifacts` (MCID → type).
    static func retyping(_ marks: [Mark], _ artifacts: [Int: String]) -> [(Range<Int>, String)] {
        marks.compactMap { mark in artifacts[mark.mcid].map { (mark.range, "/Artifact << /Type /\($0) >> BDC") } }
    }

    /// A `/Span << /ActualText … >> BDC … EMC` as Cairo writes it around glyphs whose letters it could not
    /// map: the font resource they are shown in, the glyph codes shown, the text, and where the span's
    /// operators are.
    struct ActualTextSpan: Sendable {
        var font: String
        var codes: [UInt8]
        var text: String
        var open: Range<Int>
        var close: Range<Int>
    }

    /// The /ActualText spans of a content stream (`t`: its tokens), in order.
    static func actualTextSpans(_ bytes: [UInt8], _ t: [Token]) -> [ActualTextSpan] {
        var out: [ActualTextSpan] = []
        // Open marked content: the index in `out` of each span, nil for other marked content.
        var stack: [Int?] = []
        var operandsStart = 0
        var font = ""
        for (k, token) in t.enumerated() {
            // A span's glyphs are in the font current when they are shown (Cairo may select it inside the span).
            if token.kind == .string, let open = stack.last ?? nil {
                let codes = rawBytes(bytes, token)
                if out[open].codes.isEmpty, !codes.isEmpty { out[open].font = font }
                out[open].codes += codes
            }
            guard token.kind == .word else { continue }
            defer { operandsStart = k + 1 }
            if isWord(bytes, token, "Tf"), k >= 2, t[k - 2].kind == .name { font = text(bytes, t[k - 2]); continue }
            let bdc = isWord(bytes, token, "BDC")
            if bdc || isWord(bytes, token, "BMC") {
                let operands = t[operandsStart..<k]
                if bdc, let first = operands.first, isWord(bytes, first, "/Span"),
                   let at = operands.firstIndex(where: { isWord(bytes, $0, "/ActualText") }), at + 1 < k,
                   let actual = decodedString(bytes, t[at + 1]) {
                    out.append(ActualTextSpan(font: font, codes: [], text: actual, open: first.range.lowerBound..<token.range.upperBound, close: 0..<0))
                    stack.append(out.count - 1)
                } else {
                    stack.append(nil)
                }
            } else if isWord(bytes, token, "EMC"), let top = stack.popLast(), let span = top {
                out[span].close = token.range
            }
        }
        return out.filter { !$0.close.isEmpty }
    }

    /// The edits that take the operators of `spans` out (their glyphs kept).
    static func removals(_ spans: [ActualTextSpan]) -> [(Range<Int>, String)] {
        spans.flatMap { [($0.open, ""), ($0.close, "")] }
    }

    /// The bytes a string token holds: a literal string with its escapes undone, or a hexadecimal one.
    static func rawBytes(_ bytes: [UInt8], _ token: Token) -> [UInt8] {
        let inner = bytes[(token.range.lowerBound + 1)..<(token.range.upperBound - 1)]
        if bytes[token.range.lowerBound] == UInt8(ascii: "<") {
            let digits = inner.filter { !($0 == 32 || $0 == 10 || $0 == 13 || $0 == 9) }
            var out: [UInt8] = []
            var i = digits.startIndex
            /// A hexadecimal digit's value.
            func nibble(_ d: UInt8) -> UInt8? {
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return d - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): return d - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): return d - UInt8(ascii: "A") + 10
                default: return nil
                }
            }
            out.reserveCapacity(digits.count / 2 + 1)
            while i < digits.endIndex {
                let j = digits.index(i, offsetBy: 2, limitedBy: digits.endIndex) ?? digits.endIndex
                // A last digit alone stands for its pair with 0.
                if let high = nibble(digits[i]), let low = j - i == 2 ? nibble(digits[i + 1]) : 0 {
                    out.append(high << 4 | low)
                } else {
                    out.append(UInt8(String(decoding: digits[i..<j], as: UTF8.self).padding(toLength: 2, withPad: "0", startingAt: 0), radix: 16) ?? 0)
                }
                i = j
            }
            return out
        }
        var out: [UInt8] = []
        var i = inner.startIndex
        while i < inner.endIndex {
            let b = inner[i]
            guard b == UInt8(ascii: "\\"), inner.index(after: i) < inner.endIndex else { out.append(b); i += 1; continue }
            let next = inner[inner.index(after: i)]
            switch next {
            case UInt8(ascii: "n"): out.append(10); i += 2
            case UInt8(ascii: "r"): out.append(13); i += 2
            case UInt8(ascii: "t"): out.append(9); i += 2
            case UInt8(ascii: "b"): out.append(8); i += 2
            case UInt8(ascii: "f"): out.append(12); i += 2
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = 0, j = inner.index(after: i), count = 0
                while j < inner.endIndex, count < 3, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(inner[j]) {
                    value = value * 8 + Int(inner[j] - UInt8(ascii: "0")); j += 1; count += 1
                }
                out.append(UInt8(value & 255)); i = j
            case 10: i += 2
            case 13: i += (inner.index(i, offsetBy: 2, limitedBy: inner.endIndex).map { $0 < inner.endIndex && inner[$0] == 10 } ?? false) ? 3 : 2
            default: out.append(next); i += 2
            }
        }
        return out
    }

    /// The text of a string token: a hexadecimal string in UTF-16BE (with its byte-order mark) or bytes,
    /// or a literal string's bytes (escapes for the hyphens it is asked about).
    static func decodedString(_ bytes: [UInt8], _ token: Token) -> String? {
        guard token.kind == .string else { return nil }
        let raw = text(bytes, token)
        if raw.hasPrefix("<") {
            let hex = raw.dropFirst().dropLast().filter { !$0.isWhitespace }
            var data: [UInt8] = []
            var i = hex.startIndex
            while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex), let b = UInt8(hex[i..<j], radix: 16) { data.append(b); i = j }
            if data.starts(with: [0xFE, 0xFF]) {
                let units = stride(from: 2, to: data.count - 1, by: 2).map { UInt16(data[$0]) << 8 | UInt16(data[$0 + 1]) }
                return String(decoding: units, as: UTF16.self)
            }
            return String(data.map { Character(Unicode.Scalar($0)) })
        }
        let inner = raw.dropFirst().dropLast()
        return inner == "\\255" ? "\u{00AD}" : String(inner)
    }

    static func apply(_ edits: [(Range<Int>, String)], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            out += bytes[at..<range.lowerBound]
            out += Array(replacement.utf8)
            at = range.upperBound
        }
        out += bytes[at...]
        return out
    }
}
