import XCTest
import Yams
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// Fewer hyphens without looser lines, measured on the peers' French press kit (the text Typst and XeLaTeX
/// were compared on, in Fixtures/peers): every paragraph set justified at the peers' measure, 160 mm of
/// DejaVu Sans 11 pt on 16.8 pt, as presskit sets body text.
final class HyphenationBudgetTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// The press kit's paragraphs (its communiqué included): paragraphs, list items, notes and pull quotes,
    /// with **bold** and __italic__ as runs; and its headings.
    static func peerText() throws -> (paragraphs: [[TextRun]], headings: [[TextRun]]) {
        func node(_ name: String) throws -> Node {
            try XCTUnwrap(try Yams.compose(yaml: String(contentsOfFile: Fixture.path("peers/content/\(name)"), encoding: .utf8)))
        }
        func runs(_ text: String) -> [TextRun] {
            var out: [TextRun] = []
            var bold = false, italic = false, current = ""
            var rest = Substring(text)
            while !rest.isEmpty {
                if rest.hasPrefix("**") || rest.hasPrefix("__") {
                    if !current.isEmpty { out.append(TextRun(current, bold: bold, italic: italic)); current = "" }
                    if rest.hasPrefix("**") { bold.toggle() } else { italic.toggle() }
                    rest = rest.dropFirst(2)
                } else {
                    current.append(rest.removeFirst())
                }
            }
            if !current.isEmpty { out.append(TextRun(current, bold: bold, italic: italic)) }
            // The shipped DejaVu Sans has no italic: its few italic words are set upright (a width difference only).
            for i in out.indices { out[i].italic = false }
            let typeset = Typography(language: "fr", names: ["Cédric O"]).apply(out.map(\.text))
            for i in out.indices { out[i].content = .text(typeset[i]) }
            return out
        }
        var paragraphs: [[TextRun]] = [], headings: [[TextRun]] = []
        let communique = try node("communique.fr.yaml")
        for key in ["lead", "participants_intro", "outcome", "themes_intro"] { if let t = communique[key]?.string { paragraphs.append(runs(t)) } }
        for key in ["participants", "themes"] { for item in communique[key]?.sequence ?? [] { if let t = item.string { paragraphs.append(runs(t)) } } }
        for key in ["intro", "text"] { if let t = communique["quote"]?[key]?.string { paragraphs.append(runs(t)) } }
        for section in try node("presskit.fr.yaml")["sections"]?.sequence ?? [] {
            if let title = section["title"]?.string { headings.append(runs(title)) }
            for block in section["blocks"]?.sequence ?? [] {
                for key in ["p", "note"] { if let t = block[key]?.string { paragraphs.append(runs(t)) } }
                if let t = block["h"]?.string { headings.append(runs(t)) }
                for item in block["list"]?.sequence ?? [] { if let t = item.string { paragraphs.append(runs(t)) } }
                if let t = block["pullquote"]?["text"]?.string { paragraphs.append(runs(t)) }
            }
            if let t = section["intro"]?.string { paragraphs.append(runs(t)) }
        }
        return (paragraphs, headings)
    }

    func testThePeersPressKitEndsFewLinesWithAHyphenAndKeepsItsSpacesTight() throws {
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        var style = ParagraphStyle()
        style.font = "DejaVu Sans"; style.size = .pt(11); style.leading = .pt(16.8); style.align = .justify
        let text = try Self.peerText()
        XCTAssertGreaterThan(text.paragraphs.count, 40, "the peers' text was read")
        var hyphens = 0, loose = 0, lines = 0
        for runs in text.paragraphs {
            let set = try shaper.lines(Paragraph(runs: runs, style: style, language: "fr"), width: .mm(160))
            lines += set.count
            for (k, line) in set.enumerated() where k < set.count - 1 {
                if line.hyphenated || line.text.hasSuffix("-") { hyphens += 1 }
                // Spaces wider than 1.5 times the font's: more than all the stretch given to them (half a space).
                if line.ratio > 1 { loose += 1 }
            }
        }
        print("peers' press kit: \(lines) lines, \(hyphens) ending with a hyphen, \(loose) loose")
        XCTAssertGreaterThan(lines, 140, "the whole text was set")
        XCTAssertLessThanOrEqual(hyphens, 20, "lines ending with a hyphen")
        XCTAssertLessThanOrEqual(loose, 2, "lines whose spaces are wider than 1.5 times the font's")
        // Headings, in a heading-sized style, are not hyphenated.
        var heading = style
        heading.size = .pt(16); heading.leading = .pt(20); heading.weight = .bold; heading.align = .left
        var headingHyphens = 0
        for runs in text.headings {
            headingHyphens += try shaper.lines(Paragraph(runs: runs, style: heading, language: "fr", role: .heading(1)), width: .mm(160))
                .dropLast().filter { $0.hyphenated }.count
        }
        XCTAssertLessThanOrEqual(headingHyphens, 1)
    }
}
