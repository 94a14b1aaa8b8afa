import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Every stage of setting text is linear in the length of a word and of a paragraph (issue 11, item 8):
/// the work counted on an input of size 4N is at most about four times that of size N. Nothing is timed.
final class LinearityTests: XCTestCase {
    static let fonts = try? FontLibrary(folder: Fixture.home.fonts)

    /// The work done setting `runs` justified in a 300 pt column, with a fresh shaper (no cache).
    func work(_ runs: [TextRun]) throws -> (steps: Int, text: String) {
        let shaper = PangoShaper(fonts: try XCTUnwrap(Self.fonts, "fonts did not load"))
        var style = ParagraphStyle()
        style.align = .justify
        let paragraph = Paragraph(runs: runs, style: style, language: "fr", role: .paragraph)
        let lines = try shaper.lines(paragraph, width: .pt(300))
        for line in lines { XCTAssertLessThanOrEqual(line.width.pt, 300.5, "a line is wider than its column") }
        let set = lines.map(\.text).joined()
        return (shaper.work.steps, set)
    }

    func assertLinear(_ name: String, _ make: (Int) -> [TextRun], file: StaticString = #filePath, line: UInt = #line) throws {
        let small = try work(make(200)), large = try work(make(800))
        let ratio = Double(large.steps) / Double(max(1, small.steps))
        XCTAssertLessThan(ratio, 6, "\(name): \(small.steps) steps for N, \(large.steps) for 4N (×\(ratio)); linear work grows ×4", file: file, line: line)
        // Nothing is lost: every character of the input is set (spaces aside).
        let input = make(800).map(\.text).joined().filter { $0 != " " }
        XCTAssertEqual(large.text.filter { $0 != " " && $0 != "-" }.count, input.filter { $0 != "-" }.count, "\(name): text lost", file: file, line: line)
    }

    func testOneTokenOfManyLinksWithoutSpaces() throws {
        try assertLinear("links without spaces") { n in (0..<n).map { TextRun("l\($0)", link: "https://e.fr/\($0)") } }
    }

    func testManyLinksBetweenSpaces() throws {
        try assertLinear("links between spaces") { n in (0..<n).flatMap { [TextRun("lien\($0)", link: "https://e.fr/\($0)"), TextRun(" ")] } }
    }

    func testOneLongAddressWithoutLinks() throws {
        // An address is broken anywhere when it must be; any other word too wide for its column is refused.
        try assertLinear("one long address") { n in [TextRun("https://e.fr/" + String(repeating: "abcdefghij", count: n / 4))] }
    }

    func testAParagraphOfManyWords() throws {
        try assertLinear("many words") { n in [TextRun((0..<n).map { "mot\($0 % 97)" }.joined(separator: " "))] }
    }
}
