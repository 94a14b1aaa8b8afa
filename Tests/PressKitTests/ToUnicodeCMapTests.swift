import XCTest
@testable import PressKitPDF

/// The ToUnicode CMaps read as bytes: presentation forms repaired, entries read, as Cairo writes them.
final class ToUnicodeCMapTests: XCTestCase {
    /// A CMap in Cairo's form: a header, a codespace, bfchar entries (one a ligature "ﬃ" U+FB03 and one an
    /// Arabic final form U+FEEA), a bfrange.
    let cmap = """
        /CIDInit /ProcSet findresource begin
        1 begincodespacerange
        <0000> <ffff>
        endcodespacerange
        4 beginbfchar
        <0001> <0041>
        <0002> <FB03>
        <0003> <0066fb01>
        <0004> <feea>
        endbfchar
        1 beginbfrange
        <0010> <0012> <0061>
        endbfrange
        endcmap
        """

    func testPresentationFormsAreGivenTheirLetters() throws {
        let repaired = try XCTUnwrap(ToUnicodeRepair.repair(Array(cmap.utf8)), "the map holds presentation forms")
        let lines = String(decoding: repaired, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let original = cmap.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, original.count, "no line added or lost")
        XCTAssertEqual(lines[5], "<0001> <0041>", "a letter stays as it was")
        XCTAssertEqual(lines[6], "<0002> <006600660069>", "ﬃ is f, f, i")
        XCTAssertEqual(lines[7], "<0003> <006600660069>", "f then ﬁ is f, f, i")
        XCTAssertEqual(lines[8], "<0004> <0647>", "the final form of heh is heh")
        XCTAssertEqual(Array(lines[9...]), Array(original[9...]), "the rest untouched")
    }

    func testAMapWithoutPresentationFormsIsNotCopied() {
        let plain = cmap.replacingOccurrences(of: "<FB03>", with: "<0042>").replacingOccurrences(of: "<0066fb01>", with: "<0043>")
            .replacingOccurrences(of: "<feea>", with: "<0044>")
        XCTAssertNil(ToUnicodeRepair.repair(Array(plain.utf8)))
    }

    func testEntriesOfCharactersAndRanges() throws {
        let entries = GlyphTextMaps.entries(Array(cmap.utf8))
        XCTAssertEqual(entries["0001"], "A")
        XCTAssertEqual(entries["0002"], "\u{FB03}", "read as written (the repair comes first in a finish)")
        XCTAssertEqual(entries["0003"], "f\u{FB01}", "two UTF-16 units")
        XCTAssertEqual(entries["0010"], "a")
        XCTAssertEqual(entries["0011"], "b")
        XCTAssertEqual(entries["0012"], "c")
        XCTAssertNil(entries["0013"], "past the range")
        XCTAssertNil(entries["0000"], "the codespace is no entry")
        XCTAssertEqual(entries.count, 7)
        let upper = GlyphTextMaps.entries(Array("1 beginbfchar\n<00AB> <00e9>\nendbfchar\n".utf8))
        XCTAssertEqual(upper, ["00ab": "é"], "codes are kept in lowercase")
    }
}
