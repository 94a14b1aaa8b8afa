import XCTest
import CCairoPango
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

    /// Six documents of the G7 example (two press kits, communiqués, chair's summaries, with images and
    /// fonts in common) built on two threads, several times: the same bytes as on one thread each time,
    /// and no crash. Drawing two documents at once in Cairo 1.16 corrupted its shared font objects (issue 16);
    /// `CairoLock` draws one document at a time while the others are laid out.
    func testDocumentsBuiltOnTwoThreadsAreTheOnesBuiltOnOne() throws {
        let meeting = Fixture.repository.appendingPathComponent("Examples/g7-numerique-2019/meeting.yaml").path
        func build(workers: Int) throws -> [String: Data] {
            var request = BuildRequest(meetingPath: meeting, outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
            request.dateIsFixed = true
            request.incremental = false
            request.workers = workers
            let built = try Pipeline(home: Fixture.home).build(request)
            return try Dictionary(uniqueKeysWithValues: built.files.map { ($0.file.lastPathComponent, try Data(contentsOf: $0.file)) })
        }
        let alone = try build(workers: 1)
        XCTAssertEqual(alone.count, 6)
        for round in 1...3 {
            let parallel = try build(workers: 2)
            XCTAssertEqual(Set(parallel.keys), Set(alone.keys))
            for (name, pdf) in alone { XCTAssertEqual(parallel[name], pdf, "round \(round): \(name) differs when built on two threads") }
        }
    }

    /// Setting text never goes through Cairo, whose font objects threads would share: a library's fonts
    /// are Pango's FreeType ones, which have no Cairo font.
    func testTheLayoutsFontsAreNotCairoFonts() throws {
        let fonts = try FontLibrary(folder: Fixture.home.fonts)
        let desc = FontLibrary.description(family: "DejaVu Sans", weight: .regular, italic: false, size: .pt(10))
        defer { pango_font_description_free(desc) }
        let font = try XCTUnwrap(pango_font_map_load_font(fonts.fontMap, fonts.context, desc))
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        XCTAssertTrue(g_type_check_instance_is_a(UnsafeMutableRawPointer(font).assumingMemoryBound(to: GTypeInstance.self), pango_fc_font_get_type()) != 0,
                      "a fontconfig font of Pango's")
        XCTAssertFalse(g_type_check_instance_is_a(UnsafeMutableRawPointer(font).assumingMemoryBound(to: GTypeInstance.self), pango_cairo_font_get_type()) != 0,
                       "not a Cairo font")
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

/// `Array.concurrent`, which builds a meeting's documents on every core: each result in its own index's
/// slot, whatever thread made it and in whatever order the threads finish.
final class ConcurrentArrayTests: XCTestCase {
    func testResultsKeepTheirIndexWhateverOrderTheyFinishIn() {
        let made = [String].concurrent(300) { i in
            if i % 7 == 0 { usleep(200) }  // some finish late
            return "item \(i)"
        }
        XCTAssertEqual(made, (0..<300).map { "item \($0)" })
        XCTAssertEqual([Int].concurrent(300, parallel: false) { $0 * 2 }, (0..<300).map { $0 * 2 })
        XCTAssertEqual([Int].concurrent(0) { $0 }, [])
        XCTAssertEqual([Int].concurrent(1) { $0 + 41 }, [41])
    }
}
