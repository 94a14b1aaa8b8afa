import Foundation
import CQPDFLoader
import PressKitModel

/// The ToUnicode maps of a PDF's fonts, read once, that /ActualText spans teach: Cairo 1.16 maps a glyph
/// to the character the font's cmap gives it, and a ligature a font keeps in the private-use area (Linux
/// Libertine's "tt" at U+E03C) has no letters Unicode could give. Where Cairo wrote a span saying which
/// letters such a glyph shows, the glyph's map is given them, and every span the maps now explain is
/// redundant; a span they do not explain stays.
struct GlyphTextMaps {
    /// One font's map: glyph code (as hexadecimal digits) → text, and how many bytes a code has.
    struct FontMap {
        var stream: qpdf_oh
        var cmap: String
        var entries: [String: String]
        var codeLength: Int
        var learned: [String: String] = [:]
    }

    private(set) var fonts: [Int: FontMap] = [:]

    /// The maps of every font of `pages`, each once.
    init(_ doc: QPDFDocument) {
        for page in doc.pages {
            guard let resources = doc.key(page, "/Resources"), let dictionary = doc.key(resources, "/Font") else { continue }
            for name in doc.keys(dictionary) {
                guard let font = doc.key(dictionary, name), fonts[doc.id(font)] == nil, let map = doc.key(font, "/ToUnicode"),
                      let data = doc.streamData(map), let cmap = String(data: data, encoding: .ascii) else { continue }
                let entries = Self.entries(cmap)
                fonts[doc.id(font)] = FontMap(stream: map, cmap: cmap, entries: entries, codeLength: entries.keys.first.map { $0.count / 2 } ?? 1)
            }
        }
    }

    /// The spans of a page's content that its fonts' maps explain (learning from single glyphs the maps
    /// give no letters for); `fontOf` names the font object a resource name stands for on the page.
    mutating func explained(_ spans: [ContentRewriter.ActualTextSpan], fontOf: (String) -> Int?) -> [ContentRewriter.ActualTextSpan] {
        spans.filter { span in
            // A hyphen's span stays: it is how a line-end hyphen copies as U+00AD, and a word's own hyphen
            // ending a line is told from one added (drawn with its letter, under "o-").
            if span.text.hasSuffix("-") || span.text.hasSuffix("\u{00AD}") { return false }
            guard let id = fontOf(span.font), var font = fonts[id], !span.codes.isEmpty, span.codes.count % font.codeLength == 0 else { return false }
            let codes = stride(from: 0, to: span.codes.count, by: font.codeLength).map { i in
                Digest.hex(span.codes[i..<(i + font.codeLength)])
            }
            // Several glyphs under one text (a spaced word, a letter and its marks) stay one word for readers.
            if codes.count > 1 { return false }
            if codes.map({ font.entries[$0] ?? "\u{FFFD}" }).joined() == span.text { return true }
            // One glyph whose map gives a private-use character, a presentation form or nothing: it shows these letters.
            guard codes.count == 1, !span.text.isEmpty else { return false }
            let current = font.entries[codes[0]]
            guard current == nil || current!.unicodeScalars.allSatisfy(Self.isUnreadable) else { return false }
            font.entries[codes[0]] = span.text
            font.learned[codes[0]] = span.text
            fonts[id] = font
            return true
        }
    }

    /// Writes the maps that learned letters.
    func write(_ doc: QPDFDocument) {
        for font in fonts.values where !font.learned.isEmpty {
            doc.replaceData(font.stream, Data(Self.updated(font.cmap, font.learned).utf8))
        }
    }

    /// A character no reader can read as letters: private use, or a presentation form.
    static func isUnreadable(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xF8FF).contains(scalar.value) || ToUnicodeRepair.isPresentationForm(scalar)
    }

    /// The bfchar entries of a CMap (and small bfranges), code → text.
    static func entries(_ cmap: String) -> [String: String] {
        var out: [String: String] = [:]
        var mode = ""
        for line in cmap.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first, let last = words.last else { continue }
            if last.hasSuffix("beginbfchar") { mode = "char"; continue }
            if last.hasSuffix("beginbfrange") { mode = "range"; continue }
            if first.hasPrefix("end") { mode = ""; continue }
            guard !mode.isEmpty else { continue }
            let parts = words.map { $0.filter { $0 != "<" && $0 != ">" } }
            if mode == "char", parts.count == 2, let text = ToUnicodeRepair.utf16(Substring(parts[1])) {
                out[parts[0].lowercased()] = text
            } else if mode == "range", parts.count == 3, let low = Int(parts[0], radix: 16), let high = Int(parts[1], radix: 16),
                      high >= low, high - low < 256, let start = Int(parts[2], radix: 16) {
                for k in 0...(high - low) {
                    guard let scalar = Unicode.Scalar(start + k) else { continue }
                    out[hex(low + k, digits: parts[0].count)] = String(scalar)
                }
            }
        }
        return out
    }

    /// A number as lowercase hexadecimal, at least `digits` long (zeros in front).
    static func hex(_ n: Int, digits: Int) -> String {
        let s = String(n, radix: 16)
        return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
    }

    /// `cmap` with the codes of `learned` mapped to their text: bfchar entries changed in place, the rest
    /// added in a bfchar block of their own.
    static func updated(_ cmap: String, _ learned: [String: String]) -> String {
        var remaining = learned
        var lines: [String] = []
        func destination(_ text: String) -> String { "<" + text.utf16.map { String(format: "%04x", $0) }.joined() + ">" }
        var inChar = false
        for line in cmap.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("beginbfchar") { inChar = true } else if trimmed.hasPrefix("endbfchar") { inChar = false }
            let parts = trimmed.split(separator: " ")
            if inChar, parts.count == 2, case let code = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "<>")).lowercased(),
               let text = remaining.removeValue(forKey: code) {
                lines.append("\(parts[0]) \(destination(text))")
                continue
            }
            if trimmed == "endcmap", !remaining.isEmpty {
                lines.append("\(remaining.count) beginbfchar")
                for (code, text) in remaining.sorted(by: { $0.key < $1.key }) { lines.append("<\(code)> \(destination(text))") }
                lines.append("endbfchar")
                remaining = [:]
            }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n")
    }
}
