import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Text in any direction: right-to-left names inside French sentences, right-to-left paragraphs, digits and
/// brackets among them. Checked as geometry on generated paragraphs (cluster advance boxes never overlap,
/// every space stays a gap, no line wider than its column) and as the PDF's text layer.
final class ScriptTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func shaper() throws -> PangoShaper { PangoShaper(fonts: try Self.pipeline.fonts()) }

    static let french = ["Réunion", "avec", "la", "délégation", "de", "au", "siège", "le", "15", "mai", "2019,", "présidée", "par",
                         "ministre", "(adjoint)", "numérique", "confiance", "«", "»", "d’État", "G7", "coopération", "internationale"]
    static let hebrew = ["אגודת", "הידידות", "הבינלאומית", "ירושלים", "(שלום)", "משרד", "החוץ"]
    static let arabic = ["جامعة", "الدول", "العربية", "وزارة", "الخارجية", "(مصر)", "السلام", "عليكم"]

    /// French sentences holding right-to-left names of one to three words, some with digits and brackets.
    static func mixedParagraphs(_ count: Int, seed: UInt64 = 12) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        return (0..<count).map { _ in
            var words: [String] = []
            for _ in 0..<(8 + next(40)) {
                if next(5) == 0 {
                    let names = next(2) == 0 ? hebrew : arabic
                    for _ in 0...next(3) { words.append(names[next(names.count)]) }
                } else {
                    words.append(french[next(french.count)])
                }
            }
            return words.joined(separator: " ") + "."
        }
    }

    /// Every cluster of the line as an advance box, left to right, spaces left out.
    func boxes(_ line: ShapedLine) -> [(text: Substring, from: Length, to: Length)] {
        line.runs.flatMap(\.clusterBoxes).filter { !$0.text.allSatisfy(\.isWhitespace) }.sorted { $0.from < $1.from }
    }

    /// No two clusters overlap, every space of the text is a visible gap, nothing leaves the column.
    func assertGeometry(_ lines: [ShapedLine], width: Length, space: Length, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for l in lines {
            let b = boxes(l)
            XCTAssertLessThanOrEqual(l.width.pt, width.pt + 0.01, "a line wider than its column: \(l.text)", file: file, line: line)
            for (a, c) in zip(b, b.dropFirst()) where c.from.pt < a.to.pt - 0.05 {
                XCTFail("“\(a.text)” and “\(c.text)” overlap by \(a.to.pt - c.from.pt) pt in “\(l.text)” (\(context))", file: file, line: line)
            }
            let gaps = zip(b, b.dropFirst()).filter { $1.from.pt - $0.to.pt >= space.pt * 0.4 }.count
            let spaces = l.text.trimmingCharacters(in: .whitespaces).filter { $0 == " " }.count
            XCTAssertGreaterThanOrEqual(gaps, spaces, "spaces vanished from “\(l.text)” (\(context))", file: file, line: line)
            if let first = b.first, let last = b.last {
                XCTAssertGreaterThanOrEqual(first.from.pt, -0.5, "“\(first.text)” starts before the line", file: file, line: line)
                XCTAssertLessThanOrEqual(last.to.pt, l.width.pt + 0.5, "“\(last.text)” ends after the line: \(l.text)", file: file, line: line)
            }
        }
    }

    func testRightToLeftNamesInFrenchSentencesKeepTheirPlaceAndTheirSpaces() throws {
        let shaper = try shaper()
        for align in [Alignment.justify, .left] {
            var style = ParagraphStyle()
            style.align = align
            let space = Length.pt(style.size.pt * 0.25)
            for (k, text) in Self.mixedParagraphs(40).enumerated() {
                for width in [Length.mm(45), .mm(80), .mm(160)] {
                    let p = Paragraph(runs: [TextRun(text)], style: style, language: "fr")
                    let lines = try shaper.lines(p, width: width)
                    assertGeometry(lines, width: width, space: space, "paragraph \(k), \(align), \(width.pt) pt")
                    XCTAssertEqual(lines.map { $0.text.filter { !$0.isWhitespace && $0 != "-" } }.joined(),
                                   text.filter { !$0.isWhitespace && $0 != "-" }, "text lost or added")
                }
            }
        }
    }

    func testARightToLeftParagraphReadsFromTheRight() throws {
        let shaper = try shaper()
        var style = ParagraphStyle()
        style.align = .left
        let text = "السلام عليكم في جامعة الدول العربية يوم 15 مايو 2019 (القاهرة)."
        let p = Paragraph(runs: [TextRun(text)], style: style, language: "fr")
        let lines = try shaper.lines(p, width: .mm(160))
        XCTAssertEqual(lines.count, 1)
        let line = try XCTUnwrap(lines.first)
        let first = try XCTUnwrap(line.runs.first { $0.text.hasPrefix("السلام") })
        XCTAssertEqual(line.runs.map { ($0.x + $0.advance).pt }.max() ?? 0, (first.x + first.advance).pt, accuracy: 0.01,
                       "the first word is the rightmost")
        XCTAssertEqual((line.xOffset + line.width).pt, Length.mm(160).pt, accuracy: 0.5, "set from the right edge, where it starts")
        let year = try XCTUnwrap(line.runs.first { $0.text.contains("2019") })
        let may = try XCTUnwrap(line.runs.first { $0.text.hasPrefix("مايو") })
        XCTAssertLessThan(year.x.pt, may.x.pt, "the year comes after (left of) the month")
        assertGeometry(lines, width: .mm(160), space: .pt(2.5), "Arabic paragraph")
    }

    /// `texts` set in DejaVu Sans on one page: the text of its structure tree (what screen readers read, in
    /// reading order) and the page's text as pdftotext extracts it, directional marks removed.
    func textLayer(_ texts: [String]) throws -> (tree: String, page: String) {
        var style = ParagraphStyle()
        style.font = "DejaVu Sans"
        let blocks = texts.map { Block.paragraph(Paragraph(runs: [TextRun($0)], style: style, language: "fr")) }
        let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: "fr")
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))
        let paged = try Paginator(shaper: try shaper()).layout(Document(info: info, page: template, blocks: blocks, footer: []))
        let file = Fixture.temporaryFolder().appendingPathComponent("text.pdf")
        try PDFRenderer.render(paged, created: Date(timeIntervalSince1970: 0)).write(to: file)
        func plain(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.filter { !(0x202A...0x202E).contains($0.value) && $0.value != 0x200F && $0.value != 0x200E }))
        }
        return (plain(try Fixture.run(Fixture.which("pdfinfo"), ["-struct-text", file.path]).out),
                plain(try Fixture.run(Fixture.which("pdftotext"), [file.path, "-"]).out))
    }

    func testAHebrewNameInAFrenchPageReachesTheTextLayerInReadingOrder() throws {
        let sentence = "Le ministre a reçu la délégation de אגודת הידידות au siège, avec les représentants des organisations internationales jouant un rôle de premier plan dans les domaines des technologies."
        let text = try textLayer([sentence, "Les résultats de cette réunion contribueront à préparer le sommet de Biarritz, qui se tiendra du 24 au 26 août."])
        XCTAssertTrue(text.tree.contains("\"\(sentence)\""), text.tree)
        for word in sentence.split(separator: " ") { XCTAssertTrue(text.page.contains(word), "“\(word)” is not in the page's text: \(text.page)") }
    }

    func testAnArabicParagraphReachesTheTextLayerInReadingOrder() throws {
        let sentence = "يجتمع وزراء جامعة الدول العربية في القاهرة يوم 15 مايو 2019 من أجل السلام."
        let text = try textLayer([sentence])
        XCTAssertTrue(text.tree.contains("\"\(sentence)\""), text.tree)
        // pdftotext rebuilds the page's lines from positions and marks the numbers' embedding: word by word there.
        // It also reverses the two letters of a lam-alef ligature (one glyph) when it reorders a line; the
        // structure tree above has them right, so such words are left to it.
        for word in sentence.split(separator: " ") where !word.contains("لا") {
            XCTAssertTrue(text.page.contains(word.trimmingCharacters(in: .punctuationCharacters)), "“\(word)”: \(text.page)")
        }
    }

    /// A generated press kit whose paragraphs, in French and in English, hold Hebrew, Arabic, Japanese and
    /// Greek names: built in both bilingual modes, every line keeps its clusters apart inside its column and
    /// every name reaches the PDF's text.
    func testAGeneratedMultiScriptMeetingInBothBilingualModes() throws {
        let names = ["אגודת הידידות", "جامعة الدول العربية", "石田真敏", "Χρήστος Στυλιανίδης"]
        let mixed = names.joined(separator: ", ")
        let folder = Fixture.exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml")
        try MeetingGenerator.meeting(basedOn: try String(contentsOf: Fixture.example, encoding: .utf8), pages: 4, seed: 3)
            .replacingOccurrences(of: "(séance 3)", with: "(séance avec \(mixed))")
            .replacingOccurrences(of: "(session 3)", with: "(session with \(mixed))")
            .write(to: path, atomically: true, encoding: .utf8)
        let documents = try Self.pipeline.documents(for: BuildRequest(meetingPath: path.path, languages: ["fr", "en"], layouts: ["press-kit"])).documents
        let fr = try XCTUnwrap(documents.first { $0.document.info.language == "fr" }).document
        let en = try XCTUnwrap(documents.first { $0.document.info.language == "en" }).document
        let paginator = Paginator(shaper: try shaper())
        var checked = 0
        for paged in [try paginator.layoutSideBySide(fr, en), try paginator.layoutSequential([fr, en], continuous: true, partTitles: ["Français", "English"])] {
            for page in paged.pages {
                for case .line(let line, _, _) in page.items {
                    assertGeometry([line], width: line.measure, space: .pt(2), "page \(page.number)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
        for mode in [BilingualMode.sideBySide, .sequential] {
            var request = BuildRequest(meetingPath: path.path, languages: ["fr", "en"], layouts: ["press-kit"], outputFolder: Fixture.temporaryFolder())
            request.bilingual = mode
            let built = try Self.pipeline.build(request)
            let text = try Fixture.run(Fixture.which("pdftotext"), [try XCTUnwrap(built.first).file.path, "-"]).out
            for word in names.flatMap({ $0.split(separator: " ") }) {
                XCTAssertTrue(text.contains(word), "\(mode): “\(word)” is not in the PDF's text")
            }
        }
    }
}
