import CCairoPango
import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Visual layer: page renders compared with committed reference PNGs, within a tolerance.
/// On failure the actual and diff images are written under .build/visual-failures/; RECORD_SNAPSHOTS=1 re-records.
final class VisualTests: XCTestCase {
    struct Pixels { var width: Int, height: Int, data: [UInt8] }

    static func decode(_ png: Data) throws -> Pixels {
        let path = NSTemporaryDirectory() + "/presskit-\(UUID().uuidString).png"
        try png.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let surface = cairo_image_surface_create_from_png(path)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw DiagnosticError(.internalFailure("not a PNG")) }
        cairo_surface_flush(surface)
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let base = cairo_image_surface_get_data(surface)!
        var data = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<3 { data[(y * w + x) * 3 + c] = base[y * stride + x * 4 + c] }
            }
        }
        return Pixels(width: w, height: h, data: data)
    }

    /// The share of pixels whose channels differ by more than `tolerance`, and a diff image.
    static func compare(_ a: Pixels, _ b: Pixels, tolerance: Int) -> (share: Double, diff: [UInt8]) {
        guard a.width == b.width, a.height == b.height else { return (1, []) }
        var differing = 0
        var diff = [UInt8](repeating: 255, count: a.data.count)
        for i in stride(from: 0, to: a.data.count, by: 3) {
            let d = (0..<3).map { abs(Int(a.data[i + $0]) - Int(b.data[i + $0])) }.max()!
            if d > tolerance {
                differing += 1
                diff[i] = 255; diff[i + 1] = 0; diff[i + 2] = 0
            } else {
                let grey = UInt8(min(255, 180 + Int(a.data[i]) / 4))
                diff[i] = grey; diff[i + 1] = grey; diff[i + 2] = grey
            }
        }
        return (Double(differing) / Double(a.width * a.height), diff)
    }

    static func writePNG(_ pixels: Pixels, to url: URL) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixels.width), Int32(pixels.height))!
        let stride = Int(cairo_image_surface_get_stride(surface))
        let base = cairo_image_surface_get_data(surface)!
        for y in 0..<pixels.height {
            for x in 0..<pixels.width {
                for c in 0..<3 { base[y * stride + x * 4 + c] = pixels.data[(y * pixels.width + x) * 3 + c] }
            }
        }
        cairo_surface_mark_dirty(surface)
        cairo_surface_write_to_png(surface, url.path)
        cairo_surface_destroy(surface)
    }

    func assertPage(_ layout: String, _ lang: String, page: Int = 0, file: StaticString = #filePath, line: UInt = #line) throws {
        let pipeline = Pipeline(home: Fixture.home)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: [lang], layouts: [layout])).documents
        let paged = try Paginator(shaper: PangoShaper(fonts: try pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
        try Self.assertImage(try PNGRenderer.render(paged, page: page, dpi: 40), "\(layout).\(lang).p\(page + 1).png", file: file, line: line)
    }

    /// One justified paragraph of the example (the quotation), alone on a small page at a readable resolution.
    func assertParagraph(_ lang: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let pipeline = Pipeline(home: Fixture.home)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: [lang])).documents
        let document = try XCTUnwrap(docs.first).document
        var quote: Block?
        for case .keepTogether(let inner) in document.blocks { for case .quote(let p, _) in inner { quote = .quote(p, attribution: nil) } }
        let page = PageTemplate(size: Size(width: .mm(150), height: .mm(40)),
                                margins: Sides(top: .mm(5), right: .mm(5), bottom: .mm(5), left: .mm(5)), footerGap: .mm(1))
        let single = Document(info: document.info, page: page, blocks: [try XCTUnwrap(quote)], footer: [])
        let paged = try Paginator(shaper: PangoShaper(fonts: try pipeline.fonts())).layout(single)
        XCTAssertEqual(paged.pages.count, 1)
        try Self.assertImage(try PNGRenderer.render(paged, page: 0, dpi: 110), "paragraph.\(lang).png", file: file, line: line)
    }

    static func assertImage(_ png: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let reference = Fixture.folder.appendingPathComponent("visual/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" { try png.write(to: reference) }
        let actual = try Self.decode(png)
        let expected = try Self.decode(try Data(contentsOf: reference))
        let (share, diff) = Self.compare(actual, expected, tolerance: 48)
        if share > 0.002 {
            let folder = Fixture.repository.appendingPathComponent(".build/visual-failures")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try png.write(to: folder.appendingPathComponent("actual-\(name)"))
            if !diff.isEmpty { Self.writePNG(Pixels(width: actual.width, height: actual.height, data: diff), to: folder.appendingPathComponent("diff-\(name)")) }
            XCTFail("\(name): \(String(format: "%.2f", share * 100))% of pixels differ; see \(folder.path)", file: file, line: line)
        }
    }

    func testCommuniqueFirstPageFrench() throws { try assertPage("communique", "fr") }
    func testJustifiedParagraphFrench() throws { try assertParagraph("fr") }
    func testPressKitCoverFrench() throws { try assertPage("press-kit", "fr") }
    func testPressKitCoverEnglish() throws { try assertPage("press-kit", "en") }
    func testPressKitThemesFrench() throws { try assertPage("press-kit", "fr", page: 3) }
    func testPresidencySummaryFrench() throws { try assertPage("presidency-summary", "fr") }
    func testPresidencySummaryEnglish() throws { try assertPage("presidency-summary", "en") }
    func testJustifiedParagraphEnglish() throws { try assertParagraph("en") }
    func testCommuniqueFirstPageEnglish() throws { try assertPage("communique", "en") }

    /// A French sentence holding a name in another script, set justified in the body font (Inter) with the
    /// fonts presskit falls back to for that script: one reference image per script.
    func assertScript(_ name: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let pipeline = Pipeline(home: Fixture.home)
        var style = ParagraphStyle()
        style.size = .pt(11); style.leading = .pt(15); style.align = .justify
        let p = Paragraph(runs: [TextRun(text)], style: style, language: "fr")
        let info = DocumentInfo(title: name, author: "presskit", subject: "", keywords: "", language: "fr")
        let page = PageTemplate(size: Size(width: .mm(110), height: .mm(34)),
                                margins: Sides(top: .mm(4), right: .mm(5), bottom: .mm(4), left: .mm(5)), footerGap: .mm(1))
        let paged = try Paginator(shaper: PangoShaper(fonts: try pipeline.fonts())).layout(Document(info: info, page: page, blocks: [.paragraph(p)], footer: []))
        XCTAssertEqual(paged.pages.count, 1, file: file, line: line)
        try Self.assertImage(try PNGRenderer.render(paged, page: 0, dpi: 110), "script.\(name).png", file: file, line: line)
    }

    func testArabicNameInAFrenchSentence() throws {
        try assertScript("arabic", "Le ministre a reçu M. عبد الله بن زايد آل نهيان, ministre des Affaires étrangères, au siège le 15 mai 2019 pour un entretien.")
    }

    func testHebrewNameInAFrenchSentence() throws {
        try assertScript("hebrew", "La délégation de אגודת הידידות הבינלאומית (Jérusalem) a été reçue le 15 mai 2019 par le secrétaire d’État chargé du Numérique.")
    }

    func testJapaneseNameInAFrenchSentence() throws {
        try assertScript("japanese", "Le ministre japonais 石田真敏 (Masatoshi Ishida), chargé des Affaires intérieures et des Communications, a pris part à la réunion.")
    }

    func testGreekNameInAFrenchSentence() throws {
        try assertScript("greek", "Le commissaire Χρήστος Στυλιανίδης a rappelé la « déclaration de Thessalonique » (Θεσσαλονίκη) lors de la séance d’ouverture.")
    }

    func testTheComparisonSeesAChange() throws {
        // A checker that never fails is worse than none: a moved title must be caught.
        let reference = try Self.decode(try Data(contentsOf: Fixture.folder.appendingPathComponent("visual/communique.fr.p1.png")))
        var shifted = reference
        let rowBytes = reference.width * 3
        shifted.data = Array(reference.data[(rowBytes * 6)...]) + [UInt8](repeating: 255, count: rowBytes * 6)
        XCTAssertGreaterThan(Self.compare(shifted, reference, tolerance: 48).share, 0.002)
    }
}
