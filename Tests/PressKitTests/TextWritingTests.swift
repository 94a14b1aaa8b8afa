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
}
