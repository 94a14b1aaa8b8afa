import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// The press kit and the presidency summary: contents, outline, links, tables, structure, images.
final class NavigationTests: XCTestCase {
    static let output = Fixture.temporaryFolder()
    nonisolated(unsafe) static var built: [BuiltFile] = []  // set once in setUp, read by the tests in turn
    // XCTest runs a class's tests one after the other: one pipeline (fonts loaded once) serves them all.
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    override class func setUp() {
        built = (try? pipeline.build(BuildRequest(meetingPath: Fixture.example.path, layouts: ["press-kit", "presidency-summary"],
                                                  outputFolder: output, created: Date(timeIntervalSince1970: 1_557_878_400))))?.files ?? []
    }

    func pdf(_ layout: String, _ lang: String) throws -> String {
        try XCTUnwrap(Self.built.first { $0.layout == layout && $0.language == lang }, "\(layout).\(lang) did not build").file.path
    }

    func pageText(_ path: String, _ page: Int, layout: Bool = false) throws -> String {
        try Fixture.run(Fixture.which("pdftotext"), (layout ? ["-layout"] : []) + ["-f", "\(page)", "-l", "\(page)", path, "-"]).out
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    func paged(_ layout: String, _ lang: String) throws -> PagedDocument {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: [lang], layouts: [layout])).documents
        return try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
    }

    func testDocumentTrees() throws {
        for layout in ["press-kit", "presidency-summary"] {
            let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"], layouts: [layout])).documents
            try Fixture.assertGolden(try XCTUnwrap(docs.first).document.dump(), "\(layout).fr.txt")
        }
    }

    func testContentsPageNumbersAreWhereTheHeadingsLand() throws {
        for lang in ["fr", "en"] {
            let doc = try paged("press-kit", lang)
            let path = try pdf("press-kit", lang)
            let entries = doc.outline.filter { $0.level <= 2 }
            XCTAssertGreaterThanOrEqual(entries.count, 7)
            // Each heading is on the page its anchor says (read back from the PDF's text).
            for entry in entries {
                let page = try XCTUnwrap(doc.anchors[entry.anchor]?.page)
                let words = entry.title.split(separator: " ").prefix(4).joined(separator: " ")
                XCTAssertTrue(try pageText(path, page).replacingOccurrences(of: "\n", with: " ").contains(words),
                              "\(lang): “\(words)” is not on page \(page)")
            }
            // The contents page prints those page numbers, in order.
            let contents = try pageText(path, 2, layout: true)
            let printed = contents.split(separator: "\n").compactMap { line -> Int? in
                line.split(separator: " ").last.flatMap { Int($0) }
            }
            XCTAssertEqual(printed, entries.map { doc.anchors[$0.anchor]!.page }, "\(lang) contents:\n\(contents)")
        }
    }

    func testOutlineLinksLabelsAndStructure() throws {
        let path = try pdf("press-kit", "fr")
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", path, "-"]).out
        let doc = try paged("press-kit", "fr")
        XCTAssertTrue(qdf.contains("/Outlines"))
        XCTAssertEqual(qdf.components(separatedBy: "/Title (").count - 1 + qdf.components(separatedBy: "/Title <").count - 1,
                       doc.outline.count + 1, "one outline entry per heading, plus the document title")
        let internalLinks = qdf.components(separatedBy: "/Dest (").count - 1
        XCTAssertTrue(qdf.contains("/Dests") || qdf.contains("/Names"), "named destinations are defined")
        XCTAssertGreaterThanOrEqual(internalLinks, 2 * doc.outline.filter { $0.level <= 2 }.count, "each contents entry and its number link to the heading")
        XCTAssertTrue(qdf.contains("/PageLabels"))
        XCTAssertTrue(qdf.contains("(Couverture)"), "the cover is labelled, not numbered")
        let tree = try Fixture.run(Fixture.which("pdfinfo"), ["-struct-text", path]).out
        var last = tree.startIndex
        for heading in ["Sommaire", "Communiqué de presse", "Trois thèmes à l’ordre du jour", "Programme", "Les délégations", "En images"] {
            guard let r = tree.range(of: "\"\(heading)\"", range: last..<tree.endIndex) else { return XCTFail("\(heading) missing or out of order in the structure tree") }
            last = r.upperBound
        }
        for role in ["Table", "TR", "TH", "TD", "Figure", "L (block)", "LI", "TOCI", "Link"] { XCTAssertTrue(tree.contains(role), role) }
        XCTAssertEqual(try Fixture.run(Fixture.which("pdfinfo"), [path]).out.contains("Tagged:          yes"), true)
    }

    func testEveryFigureCarriesItsAlternativeText() throws {
        // Cairo 1.16 drops alt=; presskit sets /Alt on each Figure through libqpdf.
        let path = try pdf("press-kit", "fr")
        XCTAssertEqual(try PDFTests.problems(path), [])
        let figures = try Fixture.structureElements(path).filter { $0["/S"] as? String == "/Figure" }
        XCTAssertEqual(figures.count, 4, "two logos, the cover photo, the photo page")
        let alts = Set(figures.compactMap { $0["/Alt"] as? String })
        for alt in ["Logo du ministère de l’Économie et des Finances", "Logo du ministère de l’Action et des Comptes publics",
                    "Illustration d’une salle de réunion ministérielle, délégués assis à une longue table"] {
            XCTAssertTrue(alts.contains("u:" + alt), alt)
        }
        XCTAssertEqual(figures.filter { $0["/Alt"] != nil }.count, figures.count)
    }

    func testTheJPEGPhotoIsEmbeddedOnceAsJPEG() throws {
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", try pdf("press-kit", "fr"), "-"]).out
        XCTAssertEqual(qdf.components(separatedBy: "/Subtype /Image").count - 1, 1, "the photo is drawn twice but stored once")
        XCTAssertTrue(qdf.contains("/DCTDecode"), "the JPEG is kept as JPEG")
    }

    func testEveryPageButTheCoverHasItsHeaderAndNumber() throws {
        let path = try pdf("press-kit", "fr")
        let doc = try paged("press-kit", "fr")
        XCTAssertGreaterThanOrEqual(doc.pages.count, 5)
        XCTAssertFalse(try pageText(path, 1).contains("1 / \(doc.pages.count)"))
        for page in 2...doc.pages.count {
            let text = try pageText(path, page)
            XCTAssertTrue(text.replacingOccurrences(of: " ", with: "").contains("\(page)/\(doc.pages.count)"), "page \(page): \(text)")
            XCTAssertTrue(text.contains("Réunion informelle des ministres du Numérique du G7 · Dossier de presse"), "page \(page)")
        }
    }

    func testTheSummaryNumbersItsParagraphsThroughout() throws {
        let text = try pageText(try pdf("presidency-summary", "en"), 1)
        for n in 1...6 { XCTAssertTrue(text.contains("\(n).\n") || text.contains("\(n). "), "paragraph \(n)") }
        XCTAssertTrue(text.contains("Chair’s summary"))
        XCTAssertTrue(text.contains("Cédric O"))
        XCTAssertTrue(text.contains("Minister of State for the Digital Sector"))
    }

    func testATableRepeatsItsHeaderAndNeverSplitsARow() throws {
        var style = ParagraphStyle()
        style.leading = .pt(12)
        func cell(_ t: String, _ role: StructureRole) -> Paragraph { Paragraph(runs: [TextRun(t)], style: style, language: "fr", role: role) }
        let rows = (0..<90).map { [cell("pays \($0)", .dataCell), cell("chef de délégation \($0) " + String(repeating: "mot ", count: $0 % 7 * 8), .dataCell)] }
        let table = Table(columns: [0.3, 0.7], header: [cell("Délégation", .headerCell), cell("Chef", .headerCell)], rows: rows,
                          headerFill: .black, ruleColor: .black, padding: .pt(3))
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(20), left: .mm(20)), footerGap: .mm(5))
        let info = DocumentInfo(title: "", author: "", subject: "", keywords: "", language: "fr")
        let doc = try Paginator(shaper: FixedAdvanceShaper()).layout(Document(info: info, page: template, blocks: [.paragraph(cell("Avant", .paragraph)), .table(table)], footer: []))
        XCTAssertGreaterThan(doc.pages.count, 2)
        var pageOfRow: [Int: Set<Int>] = [:]
        for page in doc.pages {
            let texts = page.items.compactMap { item -> String? in if case .line(let l, _, _) = item { return l.text }; return nil }
            let firstCell = texts.first { $0 != "Avant" }
            XCTAssertEqual(firstCell, "Délégation", "page \(page.number) starts with the header row")
            for t in texts {
                let number = t.split(separator: " ").compactMap { Int($0) }.first
                if let n = number, t.hasPrefix("pays") || t.hasPrefix("chef") { pageOfRow[n, default: []].insert(page.number) }
            }
        }
        XCTAssertEqual(pageOfRow.count, 90)
        for (row, pages) in pageOfRow { XCTAssertEqual(pages.count, 1, "row \(row) is split across pages \(pages)") }
    }

    func testAnImageWithoutAlternativeTextIsRefused() throws {
        let path = try Fixture.exampleVariant("      file: logos/economie.svg\n      alt: {fr: Logo du ministère de l'Économie et des Finances, en: Logo of the Ministry for the Economy and Finance}\n",
                                              with: "      file: logos/economie.svg\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(d.map(\.path), ["issuers[0].logo.alt"])
        XCTAssertEqual(d.first?.message, "missing required field `alt`")
        XCTAssertTrue(d.first?.hint?.contains("decorative") ?? false)
    }

    func testAMalformedSVGIsAnErrorNamingTheFile() throws {
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: broken.svg")
        try Data("<svg><g></svg".utf8).write(to: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("broken.svg"))
        let d = Fixture.diagnostics { _ = try Self.pipeline.documents(for: BuildRequest(meetingPath: path)) }
        XCTAssertFalse(d.isEmpty)
        XCTAssertTrue(d.allSatisfy { $0.message == "\"broken.svg\" is not a readable PNG, JPEG or SVG image" }, "\(d)")
    }

    /// Issue 13 (found by an outside tester): the cover photo of the press kit printed no credit.
    func testTheCoverPhotoIsCredited() throws {
        for lang in ["fr", "en"] {
            XCTAssertTrue(try pageText(try pdf("press-kit", lang), 1).contains("© presskit"), lang)
        }
    }

    /// Caption and credit are optional in the meeting format: the press kit prints what a photo has.
    func testAPhotoWithoutCaptionOrCreditStillBuilds() throws {
        let caption = "    caption: {fr: La table des délégations (illustration), en: The delegations' table (illustration)}\n"
        for (variant, printed, notPrinted) in [(caption, "© presskit", "La table des délégations"),
                                               ("    credit: presskit\n", "La table des délégations (illustration)", "©")] {
            let path = try Fixture.exampleVariant(variant, with: "")
            let built = try Self.pipeline.build(BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["press-kit"],
                                                             outputFolder: Fixture.temporaryFolder()))
            let text = try Fixture.run(Fixture.which("pdftotext"), [try XCTUnwrap(built.first).file.path, "-"]).out
            XCTAssertTrue(text.contains(printed), "\(printed) in \(text)")
            XCTAssertFalse(text.contains(notPrinted), "\(notPrinted) is not in the data")
        }
    }
}
