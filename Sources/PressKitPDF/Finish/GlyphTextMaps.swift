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
        /// The CMap's bytes (ASCII), repaired.
        var cmap: [UInt8]
        var entries: [String: String]
        var codeLength: Int
        var learned: [String: String] = [:]
    }

    private(set) var fonts: [Int: FontMap] = [:]

    /// The maps of every font of the document's pages, each read once: first repaired (`ToUnicodeRepair`:
    /// presentation forms given their letters, written back), then read to judge Cairo's /ActualText.
    /// A TrueType CID font is given the glyph map PDF/A wants written (Cairo's subsets number glyphs as CIDs).
    init(_ doc: QPDFDocument) {
        var read: [Int: (cmap: [UInt8], entries: [String: String])?] = [:]
        for page in doc.pages {
            guard let resources = doc.key(page, "/Resources"), let dictionary = doc.key(resources, "/Font") else { continue }
            for name in doc.keys(dictionary) {
                guard let font = doc.key(dictionary, name), fonts[doc.id(font)] == nil else { continue }
                if let descendants = doc.key(font, "/DescendantFonts") {
                    for cid in doc.items(descendants) where doc.key(cid, "/Subtype").flatMap(doc.name) == "/CIDFontType2" && doc.key(cid, "/CIDToGIDMap") == nil {
                        doc.set(cid, "/CIDToGIDMap", doc.name("/Identity"))
                    }
                }
                guard let map = doc.key(font, "/ToUnicode") else { continue }
                let mapID = doc.id(map)
                if read[mapID] == nil {
                    // A CMap is ASCII; one that is not is left as it is and read as none.
                    read[mapID] = doc.streamBytes(map).flatMap { bytes -> ([UInt8], [String: String])? in
                        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                        guard let repaired = ToUnicodeRepair.repair(bytes), repaired != bytes else { return (bytes, Self.entries(bytes)) }
                        doc.replaceData(map, Data(repaired))
                        return (repaired, Self.entries(repaired))
                    }
                }
                guard let (cmap, entries) = read[mapID] ?? nil else { continue }
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
            doc.replaceData(font.stream, Data(Self.updated(String(decoding: font.cmap, as: UTF8.self), font.learned).utf8))
        }
    }

    /// A character no reader can read as letters: private use, or a presentation form.
    static func isUnreadable(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xF8FF).contains(scalar.value) || ToUnicodeRepair.isPresentationForm(scalar)
    }

    /// The bfchar entries of a CMap (and small bfranges), code (lowercase hexadecimal) → text.
    static func entries(_ cmap: [UInt8]) -> [String: String] {
        enum Mode { case none, char, range }
        var out: [String: String] = [:]
        var mode = Mode.none
        for line in cmap.split(separator: 0x0A) {
            let words = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
            guard let first = words.first, let last = words.last else { continue }
            if last.reversed().starts(with: "beginbfchar".utf8.reversed()) { mode = .char; continue }
            if last.reversed().starts(with: "beginbfrange".utf8.reversed()) { mode = .range; continue }
            if first.starts(with: "end".utf8) { mode = .none; continue }
            guard mode != .none else { continue }
            let parts = words.map { word in word.filter { $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }[...] }
            if mode == .char, parts.count == 2, let text = ToUnicodeRepair.utf16(parts[1]) {
                out[String(decoding: parts[0].map(lowercased), as: UTF8.self)] = text
            } else if mode == .range, parts.count == 3, let low = hexNumber(parts[0]), let high = hexNumber(parts[1]),
                      high >= low, high - low < 256, let start = hexNumber(parts[2]) {
                for k in 0...(high - low) {
                    guard let scalar = Unicode.Scalar(start + k) else { continue }
                    out[hex(low + k, digits: parts[0].count)] = String(scalar)
                }
            }
        }
        return out
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// A number written in hexadecimal digits (at most 15, so it fits); nil for anything else.
    private static func hexNumber(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 15 else { return nil }
        var n = 0
        for byte in digits {
            guard let d = ToUnicodeRepair.hexDigit(byte) else { return nil }
            n = n << 4 | Int(d)
        }
        return n
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
        func destination(_ text: String) -> String { "<" + text.utf16.map { String(printf: "%04x", $0) }.joined() + ">" }
        var inChar = false
        for line in cmap.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingBlanks()
            if trimmed.hasSuffix("beginbfchar") { inChar = true } else if trimmed.hasPrefix("endbfchar") { inChar = false }
            let parts = trimmed.split(separator: " ")
            if inChar, parts.count == 2, case let code = parts[0].trimmingScalars { $0 == "<" || $0 == ">" }.lowercased(),
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
