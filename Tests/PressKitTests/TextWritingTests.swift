import XCTest
@testable import PressKitModel
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
}
