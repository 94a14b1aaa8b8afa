import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// What a line may end with: names whole, credits and abbreviations with what they introduce, labels in
/// narrow columns broken only where their language allows, quotes whole beside their translation.
final class LineEdgeTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func shaper() throws -> PangoShaper { PangoShaper(fonts: try Self.pipeline.fonts()) }

    func testNamesCreditsAndAbbreviationsStayWithWhatFollows() throws {
        let typography = Typography(language: "fr", names: ["Jean-Yves Le Drian", "Cédric O"])
        let text = typography.apply(["Jean-Yves Le Drian et Cédric O ont reçu, selon M. Dupont (p. 12 du rapport N° 22), la délégation. © Thomas Trutschel/photothek.de"]).joined()
        for bound in ["Jean-Yves\u{00A0}Le\u{00A0}Drian", "Cédric\u{00A0}O", "M.\u{00A0}Dupont", "p.\u{00A0}12", "N°\u{00A0}22", "©\u{00A0}Thomas"] {
            XCTAssertTrue(text.contains(bound), "\(bound) in \(text)")
        }
        var style = ParagraphStyle()
        style.align = .justify
        let shaper = try shaper()
        let paragraph = "Le ministre de l’Europe et des Affaires étrangères, " + text + " Les échanges ont porté sur la coopération internationale."
        for millimetres in stride(from: 36.0, through: 120.0, by: 1.5) {
            var p = Paragraph(runs: [TextRun(paragraph)], style: style, language: "fr")
            p.names = ["Jean-Yves\u{00A0}Le\u{00A0}Drian", "Cédric\u{00A0}O"]
            let lines = try shaper.lines(p, width: .mm(millimetres))
            for (line, next) in zip(lines, lines.dropFirst()) {
                for end in ["Jean-", "Jean-Yves", " Le", "Cédric", " M.", " p.", "N°", "©"] {
                    XCTAssertFalse(line.text.hasSuffix(end), "a line ends with “\(end)” at \(millimetres) mm: \(line.text) / \(next.text)")
                }
                XCTAssertFalse(next.text.hasPrefix("Yves"), "“Jean-/Yves” at \(millimetres) mm")
            }
        }
    }

    func testTheMeetingsPersonalNamesAreKeptWhole() throws {
        let meeting = try LocalizedMeeting(try Meeting.load(Fixture.example.path), language: "fr")
        let names = DocumentBuilder.personalNames(in: meeting.data)
        XCTAssertTrue(names.contains("Cédric O"), "\(names)")
        XCTAssertFalse(names.contains { $0.contains("Ministère") }, "a ministry is not a person: \(names)")
    }

    func testALabelTooWideForItsColumnBreaksOnlyWhereItsLanguageAllows() throws {
        var style = ParagraphStyle()
        style.size = .pt(14); style.weight = .bold
        let label = Paragraph(runs: [TextRun("PRESSEMITTEILUNG")], style: style, language: "de")
        let shaper = try shaper()
        let whole = try XCTUnwrap(try shaper.lines(label, width: .mm(200)).first).width
        let lines = try shaper.lines(label, width: whole * 0.7)
        XCTAssertGreaterThan(lines.count, 1)
        let legal = ["PRES", "SE", "MIT", "TEI", "LUNG"]
        for line in lines.dropLast() {
            XCTAssertTrue(line.hyphenated, "broken with a hyphen: \(line.text)")
            let piece = line.text.replacingOccurrences(of: "-", with: "")
            XCTAssertTrue(legal.indices.contains { k in (k..<legal.count).contains { legal[k...$0].joined() == piece } } || legal.indices.contains { legal[0...$0].joined().hasSuffix(piece) },
                          "“\(line.text)” ends at a German hyphenation point")
        }
        // A name wider than its column is broken at its spaces rather than refused.
        let name = Typography(language: "fr", names: ["Jean-Yves Le Drian"]).apply(["Jean-Yves Le Drian"]).joined()
        let nameLines = try shaper.lines(Paragraph(runs: [TextRun(name)], style: style, language: "fr"), width: .mm(25))
        XCTAssertGreaterThan(nameLines.count, 1)
        XCTAssertEqual(nameLines.map(\.text).joined(separator: " ").replacingOccurrences(of: "- ", with: "-")
            .split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " "), "Jean-Yves Le Drian", "broken between its parts only")
        // Narrower than its widest syllable: the layout is too narrow, said at the label's place.
        let refused = Fixture.diagnostics { _ = try shaper.lines(label, width: .mm(4)) }
        XCTAssertEqual(refused.count, 1)
        XCTAssertTrue(refused.first?.message.contains("the column is too narrow for “PRESSEMITTEILUNG”") ?? false, "\(refused)")
    }

    func testAFrenchGermanSideBySideMastheadKeepsItsWords() throws {
        let out = Fixture.temporaryFolder()
        var request = BuildRequest(meetingPath: Fixture.path("quadrilingual/meeting.yaml"), languages: ["fr", "de"], outputFolder: out)
        request.bilingual = .sideBySide
        let files = try Self.pipeline.build(request)
        let text = try Fixture.run(Fixture.which("pdftotext"), [try XCTUnwrap(files.first).file.path, "-"]).out
        let words = text.replacingOccurrences(of: "-\n", with: "").components(separatedBy: .whitespacesAndNewlines)
        XCTAssertTrue(words.contains("PRESSEMITTEILUNG"), text)
        XCTAssertTrue(words.contains("COMMUNIQUÉ"), text)
        for line in text.split(separator: "\n") where line.hasSuffix("-") {
            XCTAssertFalse(line.hasSuffix("PRESSEMITTEILU-") || line.hasSuffix("ZUSAMMENFASS-"), "broken inside a syllable: \(line)")
        }
    }

    func testQuotesOfUnequalLengthsStayWholeSideBySide() throws {
        func quote(_ text: String, _ who: String, _ language: String) -> Document {
            var style = ParagraphStyle()
            style.ruleLeft = RGB(red: 0, green: 0, blue: 0.5); style.indent = .mm(6); style.leading = .pt(14)
            var attribution = ParagraphStyle()
            attribution.leading = .pt(18); attribution.spaceBefore = .pt(4)
            let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: language)
            let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))
            return Document(info: info, page: template, blocks: [
                .quote(Paragraph(runs: [TextRun(text)], style: style, language: language),
                       attribution: Paragraph(runs: [TextRun(who)], style: attribution, language: language))], footer: [])
        }
        let fr = quote(String(repeating: "Assurer une confiance accrue dans les technologies numériques. ", count: 6), "Cédric O", "fr")
        let de = quote(String(repeating: "Vertrauen in digitale Technologien. ", count: 4), "Cédric O", "de")
        let paged = try Paginator(shaper: FixedAdvanceShaper()).layoutSideBySide(fr, de)
        let items = try XCTUnwrap(paged.pages.first).items
        let middle = paged.template.textArea.minX + paged.template.textArea.size.width * 0.5
        for (side, isLeft) in [("fr", true), ("de", false)] {
            let bars = items.compactMap { item -> Rect? in
                guard case .rule(let r, _, _) = item, (r.minX < middle) == isLeft else { return nil }
                return r
            }.sorted { $0.minY < $1.minY }
            XCTAssertGreaterThan(bars.count, 1, side)
            for (a, b) in zip(bars, bars.dropFirst()) {
                XCTAssertEqual(b.minY.pt, (a.minY + a.size.height).pt, accuracy: 0.01, "\(side): the quote's bar is broken")
            }
            let lines = items.compactMap { item -> (String, Point)? in
                guard case .line(let l, let o, _) = item, (o.x < middle) == isLeft else { return nil }
                return (l.text, o)
            }.sorted { $0.1.y < $1.1.y }
            let last = try XCTUnwrap(lines.last), beforeLast = try XCTUnwrap(lines.dropLast().last)
            XCTAssertEqual(last.0, "Cédric O", side)
            // The attribution follows its quote by its own leading and space, not by the other side's length.
            XCTAssertLessThan((last.1.y - beforeLast.1.y).pt, 14 + 18 + 4 + 0.5, "\(side): a gap before the attribution")
        }
    }
}
