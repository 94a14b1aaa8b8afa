import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// A single long document on two cores (issue 16): a helper thread sets the paragraphs of its second half
/// into the paragraph cache the layout thread reads. What it sets must be exactly what the layout thread
/// would have set, and the PDF the same byte for byte.
final class ParallelLayoutTests: XCTestCase {
    static let dossier = Fixture.repository.appendingPathComponent("Examples/g7-numerique-2019-dossier-complet/meeting.yaml").path

    /// The press kit of the 14-page dossier in each language, built on one thread and with a helper: the same bytes.
    func testAHelpedBuildWritesTheSameBytes() throws {
        for language in ["fr", "en"] {
            var pdfs: [Data] = []
            for workers in [1, 2] {
                var request = BuildRequest(meetingPath: Self.dossier, languages: [language], layouts: ["press-kit"],
                                           outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
                request.dateIsFixed = true
                request.incremental = false
                request.workers = workers
                let built = try Pipeline(home: Fixture.home).build(request)
                pdfs.append(try Data(contentsOf: try XCTUnwrap(built.files.first).file))
            }
            XCTAssertEqual(pdfs[0], pdfs[1], "press-kit.\(language): one thread and two threads must write the same PDF")
        }
    }

    /// Lines a helper shaper left in the shared cache are the lines the layout shaper sets itself, and the
    /// layout shaper, finding them, sets no paragraph of the part the helper did.
    func testLinesSetByTheHelperAreTheLayoutsOwn() throws {
        let document = try XCTUnwrap(Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: Self.dossier, languages: ["fr"],
                                                                                             layouts: ["press-kit"])).documents.first?.2)
        let width = document.page.textArea.size.width
        let shared = ParagraphCache()
        let fonts = try FontLibrary(folder: Fixture.home.fonts)
        let helper = PangoShaper(fonts: fonts, paragraphs: shared)
        let from = ParagraphPresetter.split(document.blocks, share: 0.45)
        XCTAssertGreaterThan(from, 0)
        XCTAssertLessThan(from, document.blocks.count)
        let presetter = ParagraphPresetter()
        presetter.start(document.blocks, from: from, width: width, shaper: helper)
        presetter.waitUntilDone()
        presetter.finish()
        let setByHelper = shared.set
        XCTAssertGreaterThan(setByHelper, 10, "the helper set the paragraphs of the second half")

        let layoutShaper = PangoShaper(fonts: try FontLibrary(folder: Fixture.home.fonts), paragraphs: shared)
        let helped = try Paginator(shaper: layoutShaper).layout(document)
        let alone = try Paginator(shaper: PangoShaper(fonts: try FontLibrary(folder: Fixture.home.fonts))).layout(document)
        XCTAssertEqual(helped.pages.count, alone.pages.count)
        for (a, b) in zip(helped.pages, alone.pages) {
            XCTAssertEqual(Self.lines(of: a), Self.lines(of: b))
        }
        XCTAssertGreaterThanOrEqual(shared.reused, setByHelper, "the layout shaper found what the helper set")
    }

    /// Each line of a page: its text, where it stands and how wide it is.
    static func lines(of page: Page) -> [String] {
        page.items.compactMap { item in
            guard case .line(let line, let origin, _) = item else { return nil }
            return "\(line.text) @\(origin.x.pt),\(origin.y.pt) w\(line.width.pt)"
        }
    }
}
