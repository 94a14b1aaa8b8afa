import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// The PDF layer's finishing through libqpdf (issue 14): document-level requirements of PDF/A-2u and
/// PDF/UA-1 read back from the written file, artifacts, and an object layer that survives object streams.
final class ArchivalPDFTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func paged(_ layout: String, _ language: String, path: String = Fixture.example.path) throws -> PagedDocument {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: path, languages: [language], layouts: [layout])).documents
        return try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
    }

    func write(_ data: Data, _ name: String) throws -> String {
        let url = Fixture.temporaryFolder().appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func testTheDocumentLevelRequirementsAreWritten() throws {
        let document = try paged("press-kit", "fr")
        let path = try write(try PDFRenderer.render(document, created: PDFTests.epoch), "kit.pdf")
        XCTAssertEqual(try PDFTests.problems(path), [])
        let objects = try Fixture.pdfObjects(path)
        let catalog = try XCTUnwrap(objects.values.compactMap { $0 as? [String: Any] }.first { $0["/Type"] as? String == "/Catalog" })
        XCTAssertEqual(catalog["/Lang"] as? String, "u:fr")
        XCTAssertEqual((catalog["/ViewerPreferences"] as? [String: Any])?["/DisplayDocTitle"] as? Bool, true)
        XCTAssertEqual((catalog["/MarkInfo"] as? [String: Any])?["/Marked"] as? Bool, true)
        let intents = try XCTUnwrap(catalog["/OutputIntents"] as? [Any])
        XCTAssertEqual(intents.count, 1)
        XCTAssertEqual((intents[0] as? [String: Any])?["/S"] as? String, "/GTS_PDFA1")
        // The XMP: the title and the dates of the Info dictionary, read from the file itself.
        let xmp = try XCTUnwrap(String(data: try XCTUnwrap(Self.metadata(path)), encoding: .utf8))
        XCTAssertTrue(xmp.contains("<rdf:li xml:lang=\"x-default\">\(document.info.title.replacingOccurrences(of: "&", with: "&amp;"))</rdf:li>"), xmp)
        XCTAssertTrue(xmp.contains("<xmp:CreateDate>2019-05-15T00:00:00+00:00</xmp:CreateDate>"), xmp)
        let info = try Fixture.run(Fixture.which("pdfinfo"), ["-isodates", path]).out
        XCTAssertTrue(info.contains("CreationDate:    2019-05-15T00:00:00Z"), info)
        XCTAssertTrue(info.contains("ModDate:         2019-05-15T00:00:00Z"), info)
        // Link annotations say what they lead to and print; pages with them are read in structure order.
        for page in objects.values.compactMap({ $0 as? [String: Any] }) where page["/Type"] as? String == "/Page" && page["/Annots"] != nil {
            XCTAssertEqual(page["/Tabs"] as? String, "/S")
        }
        let links = objects.values.compactMap { $0 as? [String: Any] }.filter { $0["/Subtype"] as? String == "/Link" }
        XCTAssertGreaterThan(links.count, 5)
        for link in links {
            XCTAssertEqual(link["/F"] as? Int, 4)
            XCTAssertFalse((link["/Contents"] as? String ?? "").count < 3, "\(link)")
        }
        XCTAssertTrue(links.contains { $0["/Contents"] as? String == "u:presse@numerique.gouv.fr" }, "a link's /Contents is its words")
        // No image is interpolated.
        XCTAssertFalse(objects.values.contains { ($0 as? [String: Any])?["/Interpolate"] != nil })
    }

    func testTheIDIsTheSameFromOneBuildToTheNext() throws {
        let document = try paged("communique", "fr")
        let a = try PDFRenderer.render(document, created: PDFTests.epoch), b = try PDFRenderer.render(document, created: PDFTests.epoch)
        XCTAssertEqual(a, b, "byte-identical")
        let trailer = try Fixture.run(Fixture.which("qpdf"), ["--show-object=trailer", try write(a, "c.pdf")]).out
        XCTAssertTrue(trailer.contains("/ID [ <"), trailer)
    }

    func testTheFinishingReadsObjectStreamsAsWellAsCairosPlainObjects() throws {
        // Cairo ≥ 1.17.6 writes object and cross-reference streams: the same PDF rewritten that way by qpdf.
        let (cairo, elements) = try PDFRenderer.draw(try paged("press-kit", "fr"), created: PDFTests.epoch)
        let plain = try write(cairo, "cairo.pdf")
        let streams = plain.replacingOccurrences(of: "cairo.pdf", with: "streams.pdf")
        XCTAssertEqual(try Fixture.run(Fixture.which("qpdf"), ["--object-streams=generate", plain, streams]).status, 0)
        XCTAssertTrue(try Fixture.run(Fixture.which("qpdf"), ["--show-xref", streams]).out.contains("compressed"), "the input has object streams")
        let info = try paged("press-kit", "fr").info
        let finished = try PDFFinisher.finish(try Data(contentsOf: URL(fileURLWithPath: streams)), info: info, created: PDFTests.epoch,
                                              elements: elements, claims: [])
        let path = try write(finished, "finished.pdf")
        XCTAssertEqual(try PDFTests.problems(path), [])
        XCTAssertEqual(try Fixture.structureElements(path).filter { $0["/S"] as? String == "/Figure" && $0["/Alt"] != nil }.count, 4)
    }

    func testAStructureThatDoesNotMatchWhatWasDrawnFailsTheBuild() throws {
        let (cairo, elements) = try PDFRenderer.draw(try paged("communique", "fr"), created: PDFTests.epoch)
        var wrong = elements
        wrong.removeLast()
        XCTAssertThrowsError(try PDFFinisher.finish(cairo, info: try paged("communique", "fr").info, created: PDFTests.epoch, elements: wrong, claims: [])) { error in
            XCTAssertTrue("\(error)".contains("does not match what was drawn"), "\(error)")
        }
    }

    /// The decoded XMP stream of a PDF.
    static func metadata(_ path: String) throws -> Data? {
        let objects = try Fixture.pdfObjects(path)
        guard let catalog = objects.values.compactMap({ $0 as? [String: Any] }).first(where: { $0["/Type"] as? String == "/Catalog" }),
              let reference = catalog["/Metadata"] as? String else { return nil }
        let number = reference.split(separator: " ").first.map(String.init) ?? ""
        return Data(try Fixture.run(Fixture.which("qpdf"), ["--show-object=\(number)", "--filtered-stream-data", path]).out.utf8)
    }
}
