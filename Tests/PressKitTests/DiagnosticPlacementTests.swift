import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Errors that point to the right place and say the right thing (issue 11, items 13–16 and 18): at the
/// meeting file's line and field, from `check` as from `build`, with suggestions.
final class DiagnosticPlacementTests: XCTestCase {


    /// Item 13: a logo that is not there is named at the meeting file's field, with a near file suggested
    /// and the layout's line as a note.
    func testAMissingLogoIsNamedAtTheMeetingFile() throws {
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: economie.svg")
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("meeting.yaml:\(try Fixture.line(of: "file: economie.svg", in: path)):"), err)
        XCTAssertTrue(err.contains("error: issuers[0].logo.file: no image \"economie.svg\""), err)
        XCTAssertTrue(err.contains("did you mean \"logos/economie.svg\"?"), err)
        XCTAssertTrue(err.contains("note: used by the layout `communique` at ") && err.contains("masthead.yaml"), err)
    }

    /// Item 13: a field a built-in layout prints but the meeting file lacks is asked of the meeting file.
    func testABuiltInLayoutAsksForTheFieldItNeeds() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [presidency-summary]")
        // Drop the chair's summary: optional in the format, printed by the built-in summary layout.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("summary:") })
        let end = lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") && !$0.hasPrefix("#") } ?? lines.count
        try (lines[..<start] + lines[end...]).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("meeting.yaml:"), err)
        XCTAssertTrue(err.contains("error: summary: the layout `presidency-summary` prints `summary.title`"), err)
        XCTAssertTrue(err.contains("add it to the meeting file"), err)
    }

    /// Items 14 and 15: a table row taller than a page is an error at the data field that made it, and
    /// `check` finds it as `build` does.
    func testATableRowTallerThanAPageIsNamedAtItsField() throws {
        let long = (0..<1600).map { "mot\($0 % 50)" }.joined(separator: " ")
        let path = try Fixture.exampleVariant("{fr: Accueil des délégations, en: Arrival", with: "{fr: \"\(long)\", en: Arrival")
        let err = try Fixture.refused(path)
        XCTAssertFalse(err.contains(":1:1:"), err)
        XCTAssertTrue(err.contains("meeting.yaml:\(try Fixture.line(of: "mot0 mot1", in: path)):"), err)
        XCTAssertTrue(err.contains("programme[0].title"), err)
        XCTAssertTrue(err.contains("taller than"), err)
    }

    /// Item 15: a character no font has passes neither `check` nor `build`.
    func testACharacterNoFontHasFailsCheckToo() throws {
        let path = try Fixture.exampleVariant("  place: Paris\n  date: 2019-05-15\n  number", with: "  place: \"Paris ༀ\"\n  date: 2019-05-15\n  number")
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("U+0F00"), err)
        XCTAssertTrue(err.contains("meeting.yaml:\(try Fixture.line(of: "Paris ༀ", in: path)):"), err)
    }

    /// Item 16: past 1,000 pages, structure ids stay unique: no false widows or orphans in the report.
    func testStructureIdsStayUniquePastAThousandPages() throws {
        var style = ParagraphStyle()
        style.size = .pt(10); style.leading = .pt(14)
        func p(_ text: String) -> Paragraph { Paragraph(runs: [TextRun(text)], style: style, language: "fr", origin: "test") }
        var blocks: [Block] = []
        for i in 0..<1_100 { blocks += [.paragraph(p("page \(i)")), .pageBreak] }
        let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: "fr")
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))
        var document = Document(info: info, page: template, blocks: blocks, footer: [.paragraph(p("pied de page"))])
        document.header = [.paragraph(p("en-tête"))]
        let paged = try Paginator(shaper: FixedAdvanceShaper()).layout(document)
        XCTAssertGreaterThan(paged.pages.count, 1_000)
        let report = TypographicReport(document: "long", paged: paged, warnings: [], substitutions: [])
        XCTAssertEqual(report.widows, [])
        XCTAssertEqual(report.orphans, [])
        // Every structure element's lines are on one page here: an id on two pages is two elements sharing it.
        var pageOf: [Int: Int] = [:]
        for page in paged.pages {
            for case .line(_, _, let tag) in page.items {
                if let seen = pageOf[tag.id] { XCTAssertEqual(seen, page.number, "id \(tag.id) on pages \(seen) and \(page.number)") ; if seen != page.number { return } }
                pageOf[tag.id] = page.number
            }
        }
    }

    /// Item 18: a language code that is almost a known one gets one suggestion, not an error per field.
    func testAMistypedLanguageGetsOneSuggestion() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "languages: [fr, eng]")
        let r = try Fixture.presskit(["check", path])
        XCTAssertEqual(r.status, 1)
        let errors = r.err.split(separator: "\n").filter { $0.contains("error:") }
        XCTAssertEqual(errors.count, 1, r.err)
        XCTAssertTrue(r.err.contains("languages[1]: unknown language `eng`"), r.err)
        XCTAssertTrue(r.err.contains("did you mean `en`?"), r.err)
    }

    /// Item 18: a layout name with an accent gets a suggestion.
    func testALayoutNameWithAnAccentGetsASuggestion() throws {
        let path = try Fixture.exampleVariant("documents: [communique,", with: "documents: [communiqué,")
        let r = try Fixture.presskit(["check", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("did you mean `communique`?"), r.err)
    }

    /// Item 18: an unknown partial gets a suggestion.
    func testAnUnknownPartialGetsASuggestion() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let layouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let builtIn = try String(contentsOf: Fixture.home.layouts.appendingPathComponent("communique.yaml"), encoding: .utf8)
        XCTAssertTrue(builtIn.contains("{partial: communique-body}"))
        try builtIn.replacingOccurrences(of: "{partial: communique-body}", with: "{partial: communique-bdy}")
            .write(to: layouts.appendingPathComponent("communique.yaml"), atomically: true, encoding: .utf8)
        let r = try Fixture.presskit(["check", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("unknown partial `communique-bdy`"), r.err)
        XCTAssertTrue(r.err.contains("did you mean `communique-body`?"), r.err)
    }
}
