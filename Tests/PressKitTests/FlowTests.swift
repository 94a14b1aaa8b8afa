import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Flow layer: page geometry with a fixed-advance shaper and no fonts.
final class FlowTests: XCTestCase {
    let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))

    func paragraph(_ text: String, role: StructureRole = .paragraph, keep: Bool = false, leading: Double = 14) -> Paragraph {
        var style = ParagraphStyle()
        style.size = .pt(10); style.leading = .pt(leading); style.spaceAfter = .pt(6); style.keepWithNext = keep
        return Paragraph(runs: [TextRun(text)], style: style, language: "fr", origin: "test", role: role)
    }

    func words(_ n: Int) -> String { (0..<n).map { "mot\($0 % 97)" }.joined(separator: " ") }

    func layout(_ blocks: [Block], footer: [Block] = []) throws -> PagedDocument {
        let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: "fr")
        return try Paginator(shaper: FixedAdvanceShaper()).layout(Document(info: info, page: template, blocks: blocks, footer: footer))
    }

    /// Lines per paragraph id per page.
    func lineCounts(_ doc: PagedDocument) -> [[Int: Int]] {
        doc.pages.map { page in
            var counts: [Int: Int] = [:]
            for case .line(_, _, let tag) in page.items where !tag.running { counts[tag.id, default: 0] += 1 }
            return counts
        }
    }

    func testNothingLeavesTheTextAreaAndNoLineIsWiderThanItsColumn() throws {
        let blocks: [Block] = (0..<40).map { i in
            i % 5 == 0 ? .list(items: [("–", paragraph(words(60))), ("–", paragraph(words(20)))], indent: .mm(7)) : .paragraph(paragraph(words(30 + i * 7)))
        }
        let doc = try layout(blocks)
        XCTAssertGreaterThan(doc.pages.count, 3)
        let area = template.textArea
        for page in doc.pages {
            for item in page.items {
                XCTAssertTrue(area.contains(item.bounds), "page \(page.number): \(item.bounds) outside \(area)")
                if case .line(let line, let origin, _) = item {
                    XCTAssertLessThanOrEqual(line.width.pt, area.maxX.pt - origin.x.pt + 0.01)
                }
            }
        }
    }

    func testNoWidowsAndNoOrphans() throws {
        let doc = try layout((0..<60).map { i in .paragraph(paragraph(words(20 + (i * 37) % 90))) })
        let counts = lineCounts(doc)
        // A paragraph split across pages leaves at least two lines on each side.
        var total: [Int: Int] = [:]
        for page in counts { for (id, n) in page { total[id, default: 0] += n } }
        var splits = 0
        for page in counts {
            for (id, n) in page where n < total[id]! {
                splits += 1
                XCTAssertGreaterThanOrEqual(n, 2, "paragraph \(id) has \(n) line(s) on one page")
            }
        }
        XCTAssertGreaterThan(splits, 0, "the test should exercise split paragraphs")
    }

    func testAHeadingIsNeverLastOnAPage() throws {
        var blocks: [Block] = []
        for i in 0..<50 {
            blocks.append(.paragraph(paragraph("Titre \(i)", role: .heading1, keep: true)))
            blocks.append(.paragraph(paragraph(words(25 + (i * 13) % 40))))
        }
        let doc = try layout(blocks)
        for page in doc.pages.dropLast() {
            let lines = page.items.compactMap { item -> StructureTag? in if case .line(_, _, let t) = item, !t.running { return t }; return nil }
            XCTAssertNotEqual(lines.last?.role, .heading1, "page \(page.number) ends with a heading")
            // The heading's following paragraph starts with at least two lines on the same page.
            if let h = lines.lastIndex(where: { $0.role == .heading1 }) { XCTAssertGreaterThanOrEqual(lines.count - h - 1, 2) }
        }
    }

    func testKeptBlocksStayOnOnePageAndTheFooterIsNumbered() throws {
        let contact: Block = .keepTogether((0..<8).map { _ in .paragraph(paragraph("Cabinet 01 53 18 43 10")) })
        let footer: [Block] = [.paragraph(Paragraph(runs: [TextRun("page "), TextRun(.pageNumber), TextRun(" / "), TextRun(.pageCount)],
                                                    style: ParagraphStyle(), language: "fr"))]
        let doc = try layout([.paragraph(paragraph(words(1400))), contact], footer: footer)
        let pagesWithContact = doc.pages.filter { page in page.items.contains { if case .line(let l, _, _) = $0 { return l.text.hasPrefix("Cabinet") }; return false } }
        XCTAssertEqual(pagesWithContact.count, 1)
        for page in doc.pages {
            let footerText = page.items.compactMap { item -> String? in
                if case .line(let l, let o, _) = item, o.y > template.textArea.maxY { return l.text }; return nil
            }
            XCTAssertEqual(footerText, ["page \(page.number) / \(doc.pages.count)"])
        }
    }

    func testAnUnbreakableWordIsBrokenNotDroppedOrOverfull() throws {
        let url = "https://www.economie.gouv.fr/" + String(repeating: "tres-long-chemin/", count: 30)
        let doc = try layout([.paragraph(paragraph("Voir \(url) ici"))])
        let text = doc.pages[0].items.compactMap { item -> String? in if case .line(let l, _, _) = item { return l.text }; return nil }
        XCTAssertEqual(text.joined(separator: " ").replacingOccurrences(of: " ", with: ""), "Voir\(url)ici")
        for case .line(let l, _, _) in doc.pages[0].items { XCTAssertLessThanOrEqual(l.width.pt, template.textArea.size.width.pt) }
    }

    func testABlockTallerThanAPageIsAnErrorNotALoop() throws {
        let image = ImageBlock(file: URL(fileURLWithPath: "/dev/null"), pixelWidth: 10, pixelHeight: 1000, height: .mm(400), align: .left, description: "tall.png")
        XCTAssertThrowsError(try layout([.image(image)])) { error in
            XCTAssertTrue("\(error)".contains("tall.png"), "\(error)")
        }
    }

    func testTenThousandLinesTerminate() throws {
        let doc = try layout([.paragraph(paragraph(words(10_000 * 16), leading: 12))])
        let lines = doc.pages.reduce(0) { $0 + $1.items.count }
        XCTAssertGreaterThan(lines, 9_500)
        XCTAssertGreaterThan(doc.pages.count, 100)
    }

    func testPageCapTurnsRunawayLayoutIntoAnError() throws {
        var paginator = Paginator(shaper: FixedAdvanceShaper())
        paginator.maximumPages = 3
        let info = DocumentInfo(title: "", author: "", subject: "", keywords: "", language: "fr")
        XCTAssertThrowsError(try paginator.layout(Document(info: info, page: template, blocks: [.paragraph(paragraph(words(20_000)))], footer: [])))
    }

    func testPageBreakStartsANewPage() throws {
        let doc = try layout([.paragraph(paragraph("un")), .pageBreak, .paragraph(paragraph("deux"))])
        XCTAssertEqual(doc.pages.count, 2)
    }
}

/// Root cause of issue 11: a list item's marker was drawn in the item's own structure element, so the
/// report counted it as one of the item's lines and never saw an orphaned first line.
final class ListStructureTests: XCTestCase {
    func testAnOrphanedListItemIsReported() throws {
        var style = ParagraphStyle()
        style.size = .pt(10); style.leading = .pt(14)
        let text = (0..<80).map { "mot\($0 % 97)" }.joined(separator: " ")
        let item = Paragraph(runs: [TextRun(text)], style: style, language: "fr", origin: "test", role: .listItem)
        let info = DocumentInfo(title: "t", author: "a", subject: "", keywords: "", language: "fr")
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)), footerGap: .mm(8))
        let laid = try Paginator(shaper: FixedAdvanceShaper()).layout(Document(info: info, page: template, blocks: [.list(items: [("–", item)], indent: .mm(7))], footer: []))
        let lines = laid.pages[0].items.filter { if case .line = $0 { return true }; return false }
        let marker = try XCTUnwrap(lines.firstIndex { if case .line(let l, _, _) = $0 { return l.text.hasPrefix("–") }; return false })
        let body = lines.indices.filter { $0 != marker }
        XCTAssertGreaterThan(body.count, 3)
        // The item's first line alone at the foot of a page, the rest on the next: an orphan.
        var paged = laid
        paged.pages = [Page(number: 1, items: [lines[marker], lines[body[0]]]), Page(number: 2, items: body.dropFirst().map { lines[$0] })]
        let report = TypographicReport(document: "list", paged: paged, warnings: [], substitutions: [])
        XCTAssertEqual(report.orphans.count, 1, "an orphaned list item is not reported: \(report.orphans)")
        // The marker is its own element, a label inside the item, apart from the item's body.
        if case .line(_, _, let m) = lines[marker], case .line(_, _, let b) = lines[body[0]] {
            XCTAssertEqual(m.role, .label)
            XCTAssertEqual(b.role, .listBody)
            XCTAssertNotEqual(m.id, b.id)
            XCTAssertEqual(m.parents, b.parents, "label and body share their list item")
            XCTAssertEqual(m.parents.map(\.role), [.list, .listItem])
        }
    }
}
