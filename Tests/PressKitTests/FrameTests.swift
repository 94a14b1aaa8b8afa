import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Frames are typed: each line carries glyph runs (a font file, glyph ids and positions, the text and the
/// clusters tying them) and the place in the user's files it comes from, so a backend draws pages and a
/// preview finds a line's source without Pango. Checked over the example and meetings it never saw.
final class FrameTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// Every document of the meeting at `path`, laid out with the shipped fonts.
    func paged(_ path: String, languages: [String]? = nil) throws -> [PagedDocument] {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: path, languages: languages)).documents
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        return try docs.map { try Paginator(shaper: shaper).layout($0.document) }
    }

    /// Meetings the example does not show: a generated press kit, a right-to-left name, a ligature-rich title.
    func meetings() throws -> [String] {
        let generated = Fixture.exampleFolderCopy().appendingPathComponent("meeting.yaml")
        try MeetingGenerator.meeting(basedOn: try String(contentsOf: Fixture.example, encoding: .utf8), pages: 12, seed: 7)
            .write(to: generated, atomically: true, encoding: .utf8)
        return [Fixture.example.path, generated.path,
                try Fixture.exampleVariant("**Cédric O**, secrétaire", with: "**Cédric O** et **אגודת הידידות**, secrétaire"),
                try Fixture.exampleVariant("**Cédric O**, secrétaire", with: "**Cédric O**, officier suffisamment affligé, secrétaire")]
    }

    func testEveryLineIsGlyphRunsThatCoverItsText() throws {
        var lines = 0
        for path in try meetings() {
            for document in try paged(path) {
                for page in document.pages {
                    for case .line(let line, _, _) in page.items {
                        lines += 1
                        // Runs are in visual order, the line's text in logical order: the same characters, all of them.
                        let drawn = line.runs.map(\.text).joined().filter { !$0.isWhitespace }
                        XCTAssertEqual(drawn.sorted(), line.text.filter { !$0.isWhitespace }.sorted(),
                                       "the runs show the line's text, all of it: \(line.text)")
                        for run in line.runs {
                            XCTAssertEqual(run.clusters.reduce(0) { $0 + $1.bytes }, run.text.utf8.count, "clusters cover the text: \(run.text)")
                            XCTAssertEqual(run.clusters.reduce(0) { $0 + $1.glyphs }, run.glyphs.count, "clusters cover the glyphs: \(run.text)")
                            XCTAssertFalse(run.clusters.contains { $0.bytes == 0 && $0.glyphs == 0 }, "no empty cluster: \(run.text)")
                            XCTAssertTrue(FileManager.default.fileExists(atPath: run.face.file), "a font file: \(run.face.file)")
                            XCTAssertGreaterThan(run.size.pt, 1)
                            for glyph in run.glyphs {
                                let x = run.x + glyph.x
                                XCTAssertTrue(x.pt >= -0.5 && x.pt <= line.width.pt + 0.5,
                                              "glyph of “\(run.text)” at \(x.pt) pt, outside its line of \(line.width.pt) pt")
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(lines, 500)
    }

    func testEveryItemNamesTheFileItComesFrom() throws {
        for path in try meetings().prefix(2) {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            for document in try paged(path) {
                for page in document.pages {
                    for item in page.items {
                        let source = try XCTUnwrap(item.source, "an item of page \(page.number) without a source: \(item)")
                        XCTAssertTrue(source.file == path || source.file.hasPrefix("Layouts/") || source.file.hasPrefix(folder),
                                      "a meeting or layout file: \(source.file)")
                        XCTAssertGreaterThan(source.line, 0)
                    }
                }
            }
        }
    }

    func testRightToLeftRunsMapTheirLastGlyphsFirst() throws {
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        let p = Paragraph(runs: [TextRun("Avec אגודת הידידות ici.")], style: ParagraphStyle(), language: "fr")
        let line = try XCTUnwrap(try shaper.lines(p, width: .pt(400)).first)
        let hebrew = try XCTUnwrap(line.runs.first { $0.text.hasPrefix("אגודת") })
        XCTAssertTrue(hebrew.rightToLeft)
        XCTAssertFalse(try XCTUnwrap(line.runs.first { $0.text.hasPrefix("Avec") }).rightToLeft)
        // Logical order in the text, visual order in the glyphs: the first letter (alef) is the rightmost glyph.
        XCTAssertEqual(hebrew.clusters.first?.bytes, "א".utf8.count)
        let xs = hebrew.glyphs.map(\.x.pt)
        XCTAssertEqual(xs, xs.sorted(), "glyphs are stored left to right")
    }

    func testALigatureIsOneClusterOfItsLetters() throws {
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        var style = ParagraphStyle()
        style.font = "DejaVu Sans"
        let p = Paragraph(runs: [TextRun("officier affligé")], style: style, language: "fr")
        let line = try XCTUnwrap(try shaper.lines(p, width: .pt(400)).first)
        var ligatures: [String] = []
        for run in line.runs {
            var offset = 0
            for cluster in run.clusters {
                let letters = String(decoding: Array(run.text.utf8)[offset..<offset + cluster.bytes], as: UTF8.self)
                if cluster.glyphs == 1, letters.count >= 2 { ligatures.append(letters) }
                offset += cluster.bytes
            }
        }
        XCTAssertTrue(ligatures.contains("ffi") || ligatures.contains("fi"), "DejaVu Sans joins f and i: \(ligatures)")
    }

    /// The PDF's text layer, drawn from glyph runs alone: ligatures read as their letters, accents as accents,
    /// every word a word.
    func testThePDFTextLayerComesFromTheRunsClusters() throws {
        var dejaVu = ParagraphStyle()
        dejaVu.font = "DejaVu Sans"
        let texts = ["Un officier affligé.", "Réunion au siège, 15 mai 2019 : « confiance » ; œuvre."]
        let blocks = texts.map { Block.paragraph(Paragraph(runs: [TextRun($0)], style: dejaVu, language: "fr")) }
        let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: "fr")
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))
        let paged = try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts()))
            .layout(Document(info: info, page: template, blocks: blocks, footer: []))
        let file = Fixture.temporaryFolder().appendingPathComponent("runs.pdf")
        try PDFRenderer.render(paged, created: Date(timeIntervalSince1970: 0)).write(to: file)
        let text = try Fixture.run(Fixture.which("pdftotext"), [file.path, "-"]).out
        XCTAssertTrue(text.contains("Un officier affligé."), text)
        // Screen readers read the structure tree: a ligature must not end its paragraph there (poppler stops at
        // the first marked content nested in a paragraph's, which Cairo's ActualText spans were).
        let tree = try Fixture.run(Fixture.which("pdfinfo"), ["-struct-text", file.path]).out
        XCTAssertTrue(tree.contains("\"Un officier affligé.\""), tree)
        XCTAssertTrue(tree.contains("\"Réunion au siège, 15 mai 2019 : « confiance » ; œuvre.\""), tree)
        // The fonts' ToUnicode maps give letters, not the presentation forms (ﬃ, ﬄ) Cairo takes from the font's cmap.
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", file.path, "-"]).out
        let destinations = qdf.split(separator: "\n").filter { $0.hasPrefix("<") && $0.split(separator: " ").count == 2 }.map { $0.split(separator: " ")[1] }
        XCTAssertTrue(destinations.contains("<00660066>") || destinations.contains("<006600660069>"), "the ligatures' letters are mapped")
        for destination in destinations {
            let units = stride(from: 1, to: destination.count - 4, by: 4).compactMap { k -> UInt16? in
                let a = destination.index(destination.startIndex, offsetBy: k)
                return UInt16(destination[a..<destination.index(a, offsetBy: 4)], radix: 16)
            }
            XCTAssertFalse(units.contains { (0xFB00...0xFDFF).contains($0) || (0xFE70...0xFEFF).contains($0) }, "a presentation form in ToUnicode: \(destination)")
        }
        XCTAssertTrue(text.contains("Réunion au siège, 15 mai 2019 : « confiance » ; œuvre."), text)
    }
}
