import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Layout values are typed when a layout loads (issue 11, item 12): a value presskit does not know is an
/// error at its line with a suggestion, never a silent default; page sizes and image widths are honoured.
final class LayoutValueTests: XCTestCase {
    /// The example's communiqué built from a copy of the built-in layout with `replacing` swapped for `with`.
    /// `file` is the layout (or `partials/NAME`) copied into the meeting's Layouts/ folder and changed.
    func variant(_ replacing: String, with: String, file: String = "communique") throws -> String {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts/\(file).yaml")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = try String(contentsOf: Fixture.home.layouts.appendingPathComponent("\(file).yaml"), encoding: .utf8)
        XCTAssertTrue(text.contains(replacing), "the layout no longer contains \(replacing)")
        try text.replacingOccurrences(of: replacing, with: with).write(to: target, atomically: true, encoding: .utf8)
        return path
    }

    /// `check` refuses the file with `message` at the line of `needle` in the local layout.
    func assertRefused(_ path: String, _ needle: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try Fixture.presskit(["check", path])
        XCTAssertEqual(r.status, 1, r.out + r.err, file: file, line: line)
        let layout = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts/communique.yaml").path
        let lines = try String(contentsOfFile: layout, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let at = try XCTUnwrap(lines.firstIndex { $0.contains(needle) }, needle) + 1
        XCTAssertTrue(r.err.contains("communique.yaml:\(at):"), "expected line \(at):\n\(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.contains(message), "expected “\(message)” in:\n\(r.err)", file: file, line: line)
    }

    func testUnknownChoicesAreErrorsWithSuggestions() throws {
        try assertRefused(try variant("footer:    {font: $fonts.text, size: 7.5pt, leading: 10pt, align: center,", with: "footer:    {font: $fonts.text, size: 7.5pt, leading: 10pt, align: centre,"),
                          "align: centre", "did you mean `center`?")
        try assertRefused(try variant("  size: A4\n", with: "  size: letr\n"), "size: letr", "did you mean `letter`?")
        try assertRefused(try variant("  size: A4\n", with: "  size: A6\n"), "size: A6", "did you mean `A5`?")
        try assertRefused(try variant("  footer-gap: 8mm\n", with: "  footer-gap: 8mm\n  bilingual-numbering: restrat\n"), "restrat", "did you mean `restart`?")
        try assertRefused(try variant("title:     {font: $fonts.heading,", with: "title:     {font: $fonts.heading, weight: gras,"), "weight: gras", "expected one of light, regular, medium, semibold, bold")
    }

    /// A misspelt field beside the one meant is named with it, not called optional.
    func testAMisspeltFieldNamesTheNearestOne() throws {
        try assertRefused(try variant("text: \"{meeting.title} \\\"{meeting.motto}", with: "text: \"{meeting.tilte} \\\"{meeting.motto}"),
                          "meeting.tilte", "did you mean `meeting.title`?")
    }

    func testImpossibleLengthsAreErrors() throws {
        try assertRefused(try variant("body:      {font: $fonts.text, size: $sizes.body,", with: "body:      {font: $fonts.text, size: 0pt,"), "size: 0pt", "greater than zero")
        try assertRefused(try variant("margins: {top: 16mm,", with: "margins: {top: -16mm,"), "top: -16mm", "zero or more")
        try assertRefused(try variant("right: 20mm, bottom: 24mm, left: 20mm}", with: "right: 110mm, bottom: 24mm, left: 110mm}"), "left: 110mm", "leave no room")
    }

    func testPageSizesAreHonoured() throws {
        for (size, points) in [("A5", "419.528 x 595.276"), ("A3", "841.89 x 1190.55"), ("legal", "612 x 1008"), ("170mm x 240mm", "481.89 x 680.315")] {
            let path = try variant("  size: A4\n", with: "  size: \(size)\n")
            let out = Fixture.temporaryFolder()
            let r = try Fixture.presskit(["build", path, "--out", out.path, "--lang", "fr"])
            XCTAssertEqual(r.status, 0, r.err)
            let pdf = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/communique.fr.pdf")
            let info = try Fixture.run(Fixture.which("pdfinfo"), [pdf.path]).out
            XCTAssertTrue(info.contains(" \(points) pts"), "\(size): \(info)")
        }
    }

    func testAnImageWidthInMillimetresIsHonoured() throws {
        let path = try variant("height: $sizes.logo,", with: "height: 30mm, width: 20mm,", file: "partials/masthead")
        var request = BuildRequest(meetingPath: path, languages: ["fr"])
        request.outputFolder = Fixture.temporaryFolder()
        let documents = try Pipeline(home: Fixture.home).documents(for: request).documents
        let document = try XCTUnwrap(documents.first).document
        let paged = try Paginator(shaper: FixedAdvanceShaper()).layout(document)
        var widths: [Double] = []
        for page in paged.pages { for case .image(_, let rect) in page.items { widths.append(rect.size.width.mm) } }
        XCTAssertFalse(widths.isEmpty)
        for w in widths { XCTAssertLessThanOrEqual(w, 20.01) }
    }

    func testEachOverSomethingNotAListIsAnError() throws {
        try assertRefused(try variant("  - include: {partial: communique-body}", with: "  - each: {in: meeting.title, as: t, blocks: [{paragraph: \"{t}\"}]}\n  - include: {partial: communique-body}"),
                          "in: meeting.title", "`meeting.title` is not a list")
    }

    func testALayoutSetsItsHyphenPenaltyAndExpansion() throws {
        let none = try variant("\nstyles:", with: "\njustification: {hyphen-penalty: 10000, expansion: 0}\nstyles:")
        let documents = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: none, languages: ["fr"])).documents
        let document = try XCTUnwrap(documents.first).document
        XCTAssertEqual(document.justification, Justification(hyphenPenalty: 10_000, expansion: 0))
        let out = Fixture.temporaryFolder()
        let built = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: none, languages: ["fr"], outputFolder: out))
        XCTAssertEqual(try XCTUnwrap(built.first).report.hyphenatedLines, 0, "a penalty of 10000 forbids hyphens")
        try assertRefused(try variant("\nstyles:", with: "\njustification: {expansion: 9}\nstyles:"), "expansion: 9", "letters widened or narrowed by 9 % would show")
    }
}
