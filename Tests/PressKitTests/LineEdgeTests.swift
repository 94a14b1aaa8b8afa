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
        // A line-end hyphen copies as a soft hyphen: shown here as the hyphen it is drawn as.
        let text = try Fixture.run(Fixture.which("pdftotext"), [try XCTUnwrap(files.first).file.path, "-"]).out.replacingOccurrences(of: "\u{00AD}\n", with: "-\n")
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

    /// Found by an outside tester: "M. Du-/pont" (the period of "M." made the name look like a sentence's
    /// first word, so it was hyphenated like an ordinary word).
    func testANameAfterAnAbbreviationIsNotHyphenated() throws {
        var style = ParagraphStyle()
        style.align = .justify
        let text = Typography(language: "fr").apply(["Les échanges se sont tenus à Paris, en présence de M. Dupont, de Mme Delacroix et de M. Montebourg, puis de M. Berlusconi, qui ont rappelé la nécessité d’une coopération internationale renforcée."]).joined()
        let shaper = try shaper()
        for millimetres in stride(from: 40.0, through: 90.0, by: 2.5) {
            for line in try shaper.lines(Paragraph(runs: [TextRun(text)], style: style, language: "fr"), width: .mm(millimetres)) where line.hyphenated {
                for name in ["Du", "Mon", "Monte", "Montebour", "Ber", "Berlus", "Berlusco"] {
                    XCTAssertFalse(line.text.hasSuffix(" " + name + "-") || line.text.hasSuffix("\u{00A0}" + name + "-"), "a name hyphenated at \(millimetres) mm: \(line.text)")
                }
            }
        }
    }

    /// Found by an outside tester: a personal name wider than its column was hyphenated inside its words
    /// ("Anne-Char-/lotte"), in a ragged paragraph too, and nothing was said.
    func testANameWiderThanItsColumnIsBrokenOnlyBetweenItsPartsAndSaidSo() throws {
        let name = "Anne-Charlotte\u{00A0}de\u{00A0}Saint-Exupéry"
        for align in [Alignment.justify, .left] {
            var style = ParagraphStyle()
            style.align = align; style.size = .pt(12)
            var p = Paragraph(runs: [TextRun("Présidé par " + name + ".")], style: style, language: "fr")
            p.names = [name]
            let shaper = try shaper()
            let lines = try shaper.lines(p, width: .mm(28))
            for line in lines.dropLast() where line.hyphenated {
                // A hyphen the setter added: the fragment before it must not be part of a word of the name.
                let fragment = line.text.dropLast().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "-" }).last.map(String.init) ?? ""
                XCTAssertFalse(["Anne", "Charlotte", "Saint", "Exupéry"].contains { $0.hasPrefix(fragment) && $0 != fragment },
                               "\(align): broken inside a part of the name: \(lines.map(\.text))")
            }
            XCTAssertTrue(shaper.warnings.contains { $0.message.contains("wider than its column") }, "\(align): \(shaper.warnings)")
        }
    }

    /// Found by an outside tester: with `hyphen-penalty: 10000`, a word wider than its column was set over
    /// the next column, and `check` passed. A word that must break still breaks at its hyphenation points.
    func testAWordThatMustBreakBreaksWhateverTheHyphenPenalty() throws {
        var style = ParagraphStyle()
        style.align = .justify
        let shaper = try shaper()
        shaper.breaker.hyphenPenalty = 10_000
        let lines = try shaper.lines(Paragraph(runs: [TextRun("Anticonstitutionnellement")], style: style, language: "fr"), width: .mm(20))
        XCTAssertGreaterThan(lines.count, 1)
        for line in lines { XCTAssertLessThanOrEqual(line.width.pt, Length.mm(20).pt + 0.01, "over its column: \(line.text)") }
    }
}
