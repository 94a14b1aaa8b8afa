import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Typesetting rules, each by name, on the example's real French and English paragraphs.
final class TypesettingTests: XCTestCase {
    // XCTest runs a class's tests one after the other: one pipeline (fonts loaded once) serves them all.
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func shaper() throws -> PangoShaper { PangoShaper(fonts: try Self.pipeline.fonts()) }

    /// The justified paragraphs of the example communiqué in a language, with the width each is set in.
    func justifiedParagraphs(_ lang: String) throws -> [(Paragraph, Double)] {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: [lang], layouts: ["communique"])).documents
        let document = try XCTUnwrap(docs.first).document
        let column = document.page.textArea.size.width.pt
        var out: [(Paragraph, Double)] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let p) where p.style.align == .justify: out.append((p, column - p.style.indent.pt))
                case .list(let items, let indent): for (_, p) in items where p.style.align == .justify { out.append((p, column - indent.pt)) }
                case .quote(let p, _): out.append((p, column - p.style.indent.pt))
                case .keepTogether(let inner): visit(inner)
                case .box(let box): visit(box.blocks)
                default: break
                }
            }
        }
        visit(document.blocks)
        return out
    }

    func testTotalFitBeatsFirstFitOnTheExampleParagraphs() throws {
        let breaker = LineBreaker()
        // What total fit minimises, line by line: (line penalty + badness)² plus the hyphen's penalty².
        func demerits(_ breaks: [LineBreak]) -> Double {
            breaks.dropLast().reduce(0) { sum, b in
                sum + pow(breaker.linePenalty + min(BreakItem.infinity, 100 * pow(abs(b.ratio), 3)), 2) + (b.hyphenated ? pow(breaker.hyphenPenalty, 2) : 0)
            }
        }
        for lang in ["fr", "en"] {
            var totalFit = 0.0, firstFit = 0.0, totalFitLoose = 0, firstFitLoose = 0, compared = 0
            for (p, width) in try justifiedParagraphs(lang) {
                let setter = ParagraphSetter(paragraph: p, width: width, shaper: try shaper())
                _ = try setter.lines()
                let items = setter.breakItems
                guard let best = breaker.breakLines(items, width: width) ?? breaker.breakLines(items, width: width, emergency: true) else {
                    return XCTFail("no breaks for \(p.text)")
                }
                let greedy = breaker.firstFit(items, width: width)
                guard best.count > 1 || greedy.count > 1 else { continue }
                compared += 1
                totalFit += demerits(best)
                firstFit += demerits(greedy)
                totalFitLoose += best.dropLast().filter { $0.ratio > 1 }.count
                firstFitLoose += greedy.dropLast().filter { $0.ratio > 1 }.count
            }
            XCTAssertGreaterThan(compared, 5, lang)
            XCTAssertLessThanOrEqual(totalFit, firstFit, "\(lang): total fit \(totalFit) vs first fit \(firstFit)")
            XCTAssertLessThanOrEqual(totalFitLoose, firstFitLoose, lang)
            XCTAssertEqual(totalFitLoose, 0, lang)
        }
    }

    func testNoMoreThanTwoHyphenatedLinesInARow() {
        // Words that each may break in the middle, in a column where every line wants a hyphen.
        var items: [BreakItem] = []
        for _ in 0..<60 {
            items += [.box(width: 20), .penalty(width: 4, cost: 50, flagged: true), .box(width: 20),
                      .glue(width: 4, stretch: 2, shrink: 1.3)]
        }
        items.removeLast()
        items += [.glue(width: 0, stretch: 100_000, shrink: 0), .forcedBreak]
        var breaker = LineBreaker()
        breaker.tolerance = 10_000
        let flags = (breaker.breakLines(items, width: 106) ?? []).map(\.hyphenated)
        XCTAssertGreaterThan(flags.filter { $0 }.count, 3, "the case must exercise hyphenation")
        var run = 0, longest = 0
        for f in flags { run = f ? run + 1 : 0; longest = max(longest, run) }
        XCTAssertLessThanOrEqual(longest, 2)
    }

    func testAHyphenOnThePenultimateLineIsAvoidedWhenItCan() {
        // Line 1 is one full box. Line 2 either fits exactly by ending with a hyphen (badness 0) or ends a word
        // earlier with its spaces stretched to r = 0.8 (badness 51): demerits 100 against 3,745, unless a
        // hyphen ending the penultimate line costs 5,000 more, as in TeX.
        let g = BreakItem.glue(width: 5, stretch: 5, shrink: 2)
        let items: [BreakItem] = [
            .box(width: 100), g, .box(width: 30), g, .box(width: 30), g, .box(width: 22), g,
            .box(width: 1), .penalty(width: 2, cost: 0, flagged: true), .box(width: 20), g, .box(width: 20),
            .glue(width: 0, stretch: 100_000, shrink: 0), .forcedBreak,
        ]
        var breaker = LineBreaker()
        breaker.tolerance = 10_000
        breaker.finalHyphenDemerits = 0
        let without = breaker.breakLines(items, width: 100)
        XCTAssertEqual(without?.count, 3)
        XCTAssertEqual(without?[1].hyphenated, true)
        XCTAssertEqual(without?[1].ratio ?? 1, 0, accuracy: 1e-9)
        breaker.finalHyphenDemerits = 5_000
        let with = breaker.breakLines(items, width: 100)
        XCTAssertEqual(with?.count, 3)
        XCTAssertEqual(with?[1].hyphenated, false)
        XCTAssertEqual(with?[1].ratio ?? 0, 0.8, accuracy: 1e-9)
    }

    func testTheExampleDocumentsHaveACleanReport() throws {
        let out = Fixture.temporaryFolder()
        let files = try Self.pipeline.build(BuildRequest(meetingPath: Fixture.example.path, outputFolder: out))
        XCTAssertEqual(files.count, 6)
        for f in files {
            let r = f.report
            XCTAssertGreaterThan(r.lines, 30)
            XCTAssertEqual(r.overfull, [], f.report.summary)
            // A line looser than TeX's tolerance is reported; the communiqués have none, and no document
            // more than one (where no setting of the paragraph does better: names and parentheses).
            if f.layout == "communique" { XCTAssertEqual(r.loose, [], f.report.summary) }
            XCTAssertLessThanOrEqual(r.loose.count, 1, f.report.summary)
            XCTAssertEqual(r.tight, [], f.report.summary)
            XCTAssertEqual(r.widows + r.orphans, [], f.report.summary)
            XCTAssertEqual(r.spacing, [], f.report.summary)
            XCTAssertEqual(r.relaxed, [], f.report.summary)
            XCTAssertLessThanOrEqual(r.longestHyphenRun, 2)
            XCTAssertEqual(f.warnings, [])
        }
    }

    func testFrenchSpacingInEveryExampleString() throws {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"])).documents
        let document = try XCTUnwrap(docs.first).document
        var texts: [String] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let p): texts.append(p.text)
                case .list(let items, _): texts += items.map(\.paragraph.text)
                case .quote(let p, let a): texts.append(p.text); if let a { texts.append(a.text) }
                case .keepTogether(let inner): visit(inner)
                case .columns(let set): for c in set.columns { visit(c.blocks) }
                default: break
                }
            }
        }
        visit(document.blocks + document.footer)
        XCTAssertGreaterThan(texts.count, 20)
        var checked = 0
        for text in texts {
            let chars = Array(text)
            for (i, c) in chars.enumerated() {
                let before = i > 0 ? chars[i - 1] : nil, after = i + 1 < chars.count ? chars[i + 1] : nil
                switch c {
                case ";", "!", "?", "»":
                    XCTAssertEqual(before, "\u{202F}", "narrow no-break space before \(c) in: \(text)"); checked += 1
                case ":":
                    if before?.isNumber == true && after?.isNumber == true { continue }
                    XCTAssertEqual(before, "\u{00A0}", "no-break space before : in: \(text)"); checked += 1
                case "«":
                    XCTAssertEqual(after, "\u{202F}", "narrow no-break space after « in: \(text)"); checked += 1
                case "'", "\"":
                    XCTFail("straight quote in: \(text)")
                default: break
                }
            }
        }
        XCTAssertGreaterThan(checked, 15)
    }

    func testHouseHyphenationLists() throws {
        var style = ParagraphStyle()
        style.align = .justify
        let text = Array(repeating: "numérique présidence", count: 30).joined(separator: " ")
        let p = Paragraph(runs: [TextRun(text)], style: style, language: "fr")
        let free = try shaper().lines(p, width: .pt(75))
        XCTAssertTrue(free.contains { $0.hyphenated && $0.text.hasSuffix("numé-") || $0.text.hasSuffix("nu-") }, "the case must exercise hyphenation of numérique: \(free.map(\.text))")
        let house = try shaper()
        house.exceptions = ["fr": Dictionary(uniqueKeysWithValues: ["Numérique", "pré-si-dence"].map { HyphenationException($0) }.map { ($0.word, $0.points) })]
        let lines = try house.lines(p, width: .pt(75))
        XCTAssertTrue(lines.contains { $0.hyphenated }, "présidence may still break: \(lines.map(\.text))")
        XCTAssertFalse(lines.contains { $0.text.hasSuffix("nu-") || $0.text.hasSuffix("numé-") })
        for line in lines where line.hyphenated {
            XCTAssertTrue(line.text.hasSuffix("pré-") || line.text.hasSuffix("prési-"), line.text)
        }
        XCTAssertEqual(HyphenationException("pré-si-dence").points, [3, 5])
        XCTAssertEqual(HyphenationException("Numérique").word, "numérique")
    }

    func testAnOverlongAddressInTextIsBrokenAtItsSlashesAndReported() throws {
        var style = ParagraphStyle()
        style.align = .justify
        let url = "https://www.economie.gouv.fr/g7-numerique-2019/resume-de-la-presidence.fr.pdf"
        var p = Paragraph(runs: [TextRun("Voir \(url) pour le texte.")], style: style, language: "fr")
        p.field = "related[0].text"
        p.mark = SourceMark(file: "meeting.yaml", line: 12, column: 5)
        let s = try shaper()
        let lines = try s.lines(p, width: .pt(120))
        for line in lines { XCTAssertLessThanOrEqual(line.width.pt, 120.01, line.text) }
        XCTAssertEqual(lines.map(\.text).joined(separator: " ").replacingOccurrences(of: " ", with: ""),
                       "Voir\(url)pourletexte.".replacingOccurrences(of: " ", with: ""))
        XCTAssertTrue(lines.dropLast().contains { $0.text.hasSuffix("/") || $0.text.hasSuffix(".") || $0.text.hasSuffix("-") }, "\(lines.map(\.text))")
        XCTAssertEqual(s.warnings.count, 1)
        XCTAssertEqual(s.warnings.first?.path, "related[0].text")
        XCTAssertEqual(s.warnings.first?.severity, .warning)
    }

    func testTabularFiguresAndSmallCaps() throws {
        var style = ParagraphStyle()
        let s = try shaper()
        let proportional = try XCTUnwrap(s.lines(Paragraph(runs: [TextRun("1111")], style: style, language: "fr"), width: .pt(300)).first).width
        style.features = "tnum"
        let tabular = try XCTUnwrap(s.lines(Paragraph(runs: [TextRun("1111")], style: style, language: "fr"), width: .pt(300)).first).width
        XCTAssertNotEqual(proportional.pt, tabular.pt, accuracy: 0.1)
        style.smallCaps = true
        _ = try s.lines(Paragraph(runs: [TextRun("Communiqué")], style: style, language: "fr"), width: .pt(300))
        XCTAssertEqual(s.substitutions, ["Inter has no small capitals (smcp): Pango emulates them"])
    }

    func testKeptGroupsGiveWayBeforeParagraphLines() throws {
        var style = ParagraphStyle()
        style.leading = .pt(14)
        let words = (0..<400).map { "mot\($0 % 13)" }.joined(separator: " ")
        let group: Block = .keepTogether((0..<4).map { _ in .paragraph(Paragraph(runs: [TextRun(words)], style: style, language: "fr")) })
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(20), left: .mm(20)), footerGap: .mm(5))
        let info = DocumentInfo(title: "", author: "", subject: "", keywords: "", language: "fr")
        let paged = try Paginator(shaper: FixedAdvanceShaper()).layout(Document(info: info, page: template, blocks: [group], footer: []))
        XCTAssertGreaterThan(paged.pages.count, 1)
        XCTAssertEqual(paged.relaxed.count, 1, "\(paged.relaxed)")
        XCTAssertTrue(paged.relaxed.first?.contains("kept together") ?? false)
        let report = TypographicReport(document: "t", paged: paged)
        XCTAssertEqual(report.widows + report.orphans, [], "paragraph rules still hold once the group is split")
    }
}
