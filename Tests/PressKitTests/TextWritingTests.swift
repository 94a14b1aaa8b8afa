import XCTest
import CCairoPango
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// The string helpers issue 16 put on hot paths in place of Foundation's: UTF-8 written scalar by scalar,
/// scalars replaced in one pass, and the positions a shaped unit keeps once its Pango layout is gone.
final class TextWritingTests: XCTestCase {
    func testScalarsWrittenAsUTF8MakeTheSameString() {
        // One-, two-, three- and four-byte scalars, a combining mark, an emoji with a joiner.
        let text = "a é € 𝄞 e\u{0301} 👩\u{200D}💻 \u{202F}»"
        var writer = UTF8Writer()
        for s in text.unicodeScalars { writer.append(s) }
        XCTAssertEqual(writer.string, text)
        XCTAssertEqual(writer.bytes, Array(text.utf8))
        XCTAssertEqual(UTF8Writer().string, "")
    }

    func testScalarsAreReplacedInOnePassAsFoundationWould() {
        for text in ["Tom & Jerry <b> \"x\" & <>", "nothing to escape, é", "", "&&<<>>\"\"", "a&b\u{00A0}c>d"] {
            let foundation = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            XCTAssertEqual(text.xmlEscaped(), foundation, text)
            XCTAssertEqual(text.xmlEscaped(quotes: true), foundation.replacingOccurrences(of: "\"", with: "&quot;"), text)
        }
        XCTAssertEqual("https://a.b/c'd\\e".replacingScalars { $0 == "\\" ? "%5C" : $0 == "'" ? "%27" : nil }, "https://a.b/c%27d%5Ce")
        XCTAssertEqual("crise-sanitaire".replacingScalars { $0 == "-" ? " " : nil }, "crise sanitaire")
    }

    /// A layout's field names are trimmed of blanks as Foundation's `.whitespaces` would: spaces of every
    /// width and tabs go, line breaks and what is not blank stay.
    func testBlanksAreTrimmedAsFoundationWould() {
        let samples = ["", " ", "\t \u{00A0}", " meeting.title ", "\tchair.name\u{202F}", "\u{3000}lieu\u{2009}", " a b ", "\nx\n",
                       " \u{0301}é ", "\u{2028}y", "\u{200B}z\u{200B}", "plain", "\u{1680}ogham\u{205F}", " date | long "]
        for text in samples {
            XCTAssertEqual(text.trimmingBlanks(), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
            let sub = text[...]
            XCTAssertEqual(sub.trimmingBlanks(), sub.trimmingCharacters(in: .whitespaces), "substring " + text.debugDescription)
        }
        XCTAssertEqual(" date | long ".split(separator: "|").map { $0.trimmingBlanks() }, ["date", "long"])
        // Every scalar Foundation calls a blank, and no other.
        for value in 0..<0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(scalar.isBlank, CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    /// A shaped unit lets its Pango layout go: the positions of the scalars inside a cluster (a letter with
    /// its combining marks, Arabic with its marks, DejaVu's "ffi" ligature, where Pango divides the cluster
    /// between its letters) are read when it is shaped and must be Pango's own.
    func testPositionsInsideClustersAreThoseOfPango() throws {
        let fonts = try XCTUnwrap(LinearityTests.fonts, "fonts did not load")
        let units = UnitShaper(fonts: fonts)
        for (text, language, rightToLeft, family) in [("cafe\u{0301}s", "fr", false, "Inter"), ("Zoe\u{0308}\u{0301}", "en", false, "Inter"),
                                                     ("مُحَمَّد", "ar", true, "Inter"), ("efficient", "en", false, "DejaVu Sans")] {
            var style = ParagraphStyle()
            style.font = family
            let unit = units.shape(text, spans: [], style: style, language: language, rightToLeft: rightToLeft)
            // The same text laid out again by Pango, kept to ask it.
            let layout = pango_layout_new(rightToLeft ? fonts.rightToLeftContext : fonts.context)!
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            pango_layout_set_auto_dir(layout, 0)
            pango_layout_set_text(layout, text, Int32(text.utf8.count))
            let desc = FontLibrary.description(family: family, weight: .regular, italic: false, size: ParagraphStyle().size)
            pango_layout_set_font_description(layout, desc)
            pango_font_description_free(desc)
            let attrs = pango_attr_list_new()!
            let lang = pango_attr_language_new(pango_language_from_string(language))!
            lang.pointee.start_index = 0
            lang.pointee.end_index = guint(text.utf8.count)
            pango_attr_list_insert(attrs, lang)
            pango_layout_set_attributes(layout, attrs)
            pango_attr_list_unref(attrs)
            var inside = 0
            var offset = 0
            for scalar in text.unicodeScalars {
                defer { offset += String(scalar).utf8.count }
                guard offset > 0, !unit.clusters.contains(where: { $0.index == offset }) else { continue }
                inside += 1
                var rect = PangoRectangle()
                pango_layout_index_to_pos(layout, Int32(offset), &rect)
                XCTAssertEqual(unit.x(atByte: offset), Double(rect.x) / Double(PANGO_SCALE), accuracy: 0.001, "\(text) at byte \(offset)")
            }
            XCTAssertGreaterThan(inside, 0, "\(text): no scalar inside a cluster, nothing was compared")
        }
    }
    /// The helpers that keep a build off CoreFoundation's string code give Foundation's answers: the same
    /// text for printf's numbers, the same replacements, the same trimming, the same composed form.
    func testFoundationFreeHelpersAgreeWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let x = Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / Double([1, 8, 100, 1000, 3].randomElement()!)
            let n = Int.random(in: -70_000...70_000, using: &generator), u = UInt32.random(in: 0...0x10FFFF, using: &generator)
            for format in ["%.2f", "%.1f", "%.3gem", "rect=[%.2f %.2f]", "%7.2f ms"] {
                XCTAssertEqual(String(printf: format, x, x / 3), String(format: format, x, x / 3), "\(format) \(x)")
            }
            for format in ["%02d", "%04d-%02d", "%02d:%02d", " %02d"] {
                XCTAssertEqual(String(printf: format, n, abs(n) % 60), String(format: format, n, abs(n) % 60), "\(format) \(n)")
            }
            for format in ["%04X", "%04x", "U+%04X", "\\u%04x", "#%02X%02X%02X"] {
                XCTAssertEqual(String(printf: format, u, u >> 8, u & 0xFF), String(format: format, u, u >> 8, u & 0xFF), "\(format) \(u)")
            }
        }
        // A result longer than the first buffer.
        XCTAssertEqual(String(printf: "%0200d|%.2f", 7, 1.005), String(format: "%0200d|%.2f", 7, 1.005))

        // Replacements: names bound with no-break spaces, markup removed, outline titles; scalars as pieces, in
        // the composed form every text has once loaded (Foundation also matches a decomposed é to an é).
        let pieces = ["a", "é", "e\u{0301}", " ", "\u{00A0}", "\u{202F}", "**", "*", "_", "__", "€", "𝄞", "👩\u{200D}💻", "ß", "İ", "x"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement()! }.joined().composed
            for (target, replacement) in [(" ", "\u{00A0}"), ("**", ""), ("__", ""), ("\u{202F}", " "), ("_", " "), ("é", "e")] {
                XCTAssertEqual(text.replacingEvery(target, with: replacement), text.replacingOccurrences(of: target, with: replacement),
                               "\(text.debugDescription) \(target.debugDescription)")
            }
            XCTAssertEqual(text.trimmingBlanksAndLineBreaks(), text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
            let quoted = ["\"", "'", ""].randomElement()! + text + ["\"", "'", ""].randomElement()!
            XCTAssertEqual(quoted.trimmingScalars { $0 == "\"" || $0 == "'" }, quoted.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
        }
        // Composed form: text already composed is kept as it is; decomposed accents, singletons, Hangul jamo are composed.
        for text in ["Réunion du G7 · l’économie « numérique »\u{202F}!", "Cafe\u{0301}", "\u{212B}ngström", "\u{2000}x", "\u{1100}\u{1161}",
                     "한국어", "Zoe\u{0308}\u{0301}", "اَلْعَرَبِيَّة", "\u{0344}", "ﬁn", "Ω\u{2126}", "a\u{0328}\u{0301}", ""] {
            XCTAssertEqual(text.composed, text.precomposedStringWithCanonicalMapping, text.debugDescription)
            XCTAssertEqual(Array(text.composed.unicodeScalars), Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), text.debugDescription)
        }
        // Every Latin-1 and Latin Extended letter with every common combining mark composes as Foundation composes it.
        for base in (0x41...0x24F).compactMap(Unicode.Scalar.init) {
            for mark in [0x300, 0x301, 0x302, 0x303, 0x308, 0x30A, 0x327, 0x328, 0x30C].compactMap(Unicode.Scalar.init) {
                let text = String(String.UnicodeScalarView([base, mark]))
                XCTAssertEqual(Array(text.composed.unicodeScalars), Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
            }
        }
    }
}
