import XCTest
@testable import PressKitDocument
@testable import PressKitModel

/// The byte search that finds the meeting's personal names in a paragraph's printed text (issue 16 made
/// it a `memchr`/`memcmp` loop): every place a name can stand, near misses, and non-ASCII names.
final class ByteSearchTests: XCTestCase {
    func testNamesAreFoundWhereverTheyStandAndNowhereElse() {
        let names = ["Jean-Yves\u{00A0}Le\u{00A0}Drian", "Cédric\u{00A0}O", "aab", "Ö", "longer than the whole text, surely"]
        let bytes = names.map { Array($0.utf8) }
        XCTAssertEqual(ByteSearch.contained(bytes, in: "Jean-Yves\u{00A0}Le\u{00A0}Drian ouvre"), [0], "at the start")
        XCTAssertEqual(ByteSearch.contained(bytes, in: "avec Cédric\u{00A0}O"), [1], "at the end, with an accent")
        XCTAssertEqual(ByteSearch.contained(bytes, in: "aaab"), [2], "after a partial match of its first bytes")
        XCTAssertEqual(ByteSearch.contained(bytes, in: "aa b"), [], "a near miss")
        XCTAssertEqual(ByteSearch.contained(bytes, in: "Cédric O"), [], "a plain space is not the bound name's no-break space")
        XCTAssertEqual(ByteSearch.contained(bytes, in: "Öl und Cédric\u{00A0}O, aab"), [1, 2, 3], "several, in the needles' order")
        XCTAssertEqual(ByteSearch.contained(bytes, in: ""), [])
        XCTAssertEqual(ByteSearch.contained([], in: "anything"), [])
    }

    /// `String.containsByte` (memchr) answers as `utf8.contains` does, for every byte value, in texts of every
    /// length (none, shorter and longer than a vector) with ASCII, accents, private-use markers and emoji.
    func testContainsByteAgreesWithTheUTF8View() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "\n", "[", "]", "%", "é", "\u{E000}", "\u{00A0}", "🇫🇷", "Z", "0"]
        var texts = ["", "x", String(repeating: "é", count: 40) + "\n", String(repeating: "a", count: 100) + "["]
        for _ in 0..<300 { texts.append((0..<Int.random(in: 0...90, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for text in texts {
            for byte in UInt8.min...UInt8.max where text.containsByte(byte) != text.utf8.contains(byte) {
                XCTFail("byte \(byte) in \(text.debugDescription)")
                return
            }
        }
    }
}
