import XCTest
@testable import PressKit

/// `build --to png` and `--to social-card` through the binary (issue 17): each page as a picture at the
/// resolution asked for, and the social card, 1200 × 630, drawn from its own layout with the meeting's
/// title in it (compared with a reference image, within a tolerance; actual and difference written to
/// .build/visual-failures when it differs).
final class PicturesTests: XCTestCase {
    func testEveryPageAsAPictureAtTheResolutionAsked() throws {
        let out = Fixture.temporaryFolder()
        let run = try Fixture.presskit(["build", Fixture.example.path, "--to", "png", "--dpi", "50", "--layout", "communique,press-kit", "--lang", "fr", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.err)
        let folder = out.appendingPathComponent("g7-numerique-2019")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
        let pdf = try Fixture.presskit(["build", Fixture.example.path, "--layout", "press-kit", "--lang", "fr", "--out", out.path])
        XCTAssertEqual(pdf.status, 0)
        let count = try XCTUnwrap(Int(try Fixture.run(Fixture.which("pdfinfo"), [folder.appendingPathComponent("press-kit.fr.pdf").path]).out
            .split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? ""))
        XCTAssertEqual(pages, ["communique.fr.p1.png"] + (1...count).map { "press-kit.fr.p\($0).png" }, "one picture per page of the PDF")
        for page in pages {
            let size = try XCTUnwrap(PreviewTests.pngSize(try Data(contentsOf: folder.appendingPathComponent(page))))
            XCTAssertEqual(size.0, Int((595.2756 * 50 / 72).rounded()), page)
            XCTAssertEqual(size.1, Int((841.8898 * 50 / 72).rounded()), page)
        }
        XCTAssertEqual(try Fixture.presskit(["build", Fixture.example.path, "--to", "png", "--dpi", "5000", "--out", out.path]).status, 1,
                       "a resolution out of range is refused")
    }

    func testTheSocialCard() throws {
        let out = Fixture.temporaryFolder()
        let run = try Fixture.presskit(["build", Fixture.example.path, "--to", "social-card", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.err)
        let folder = out.appendingPathComponent("g7-numerique-2019")
        for language in ["fr", "en"] {
            let png = try Data(contentsOf: folder.appendingPathComponent("social-card.\(language).png"))
            let size = try XCTUnwrap(PreviewTests.pngSize(png))
            XCTAssertEqual(size.0, 1200)
            XCTAssertEqual(size.1, 630)
            try VisualTests.assertImage(png, "social-card.\(language).png")
        }
        // The title is on the card, whole: the card's lines hold every word of the meeting's title.
        let pipeline = Pipeline(home: Fixture.home)
        let (documents, meeting, _) = try pipeline.laidOut(BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"], layouts: ["social-card"]))
        let card = try XCTUnwrap(documents.first?.paged)
        XCTAssertEqual(card.pages.count, 1)
        let text = card.pages[0].items.compactMap { item -> String? in if case .line(let l, _, _) = item { return l.text } else { return nil } }.joined(separator: " ")
        let title = try XCTUnwrap(try meeting.data.value(at: ValuePath("meeting.title.fr")).text)
        for word in title.split(separator: " ") { XCTAssertTrue(text.contains(word), "the card lacks \(word) of the title: \(text)") }
        XCTAssertTrue(text.contains("Paris"), "the place")
        // A layout other than the card's own is refused by name.
        let refused = try Fixture.presskit(["build", Fixture.example.path, "--to", "social-card", "--layout", "communique", "--out", out.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("--to social-card draws the layout social-card, not communique"), refused.err)
    }
}
