import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Bilingual documents: pairs level side by side, two parts one after the other, language everywhere.
final class BilingualTests: XCTestCase {
    // XCTest runs a class's tests one after the other: one pipeline (fonts loaded once) serves them all.
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func documents(_ layout: String) throws -> (Document, Document) {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, layouts: [layout])).documents
        return (try XCTUnwrap(docs.first { $0.language == "fr" }).document, try XCTUnwrap(docs.first { $0.language == "en" }).document)
    }

    /// The first line of each paragraph id, by side: (page, y).
    func firstLines(_ paged: PagedDocument) -> (left: [Int: (Int, Double)], right: [Int: (Int, Double)]) {
        var left: [Int: (Int, Double)] = [:], right: [Int: (Int, Double)] = [:]
        for page in paged.pages {
            for case .line(let line, let origin, let tag) in page.items where !tag.running {
                let top = origin.y.pt - line.ascent.pt
                if tag.language == paged.info.language { if left[tag.id] == nil { left[tag.id] = (page.number, top) } }
                else if right[tag.id] == nil { right[tag.id] = (page.number, top) }
            }
        }
        return (left, right)
    }

    func testPairsStartLevelAlsoAcrossAPageBreak() throws {
        // Constructed: French paragraphs longer than their English pairs, enough to run over pages.
        var style = ParagraphStyle()
        style.leading = .pt(14); style.spaceAfter = .pt(6)
        func p(_ n: Int, _ lang: String) -> Block {
            .paragraph(Paragraph(runs: [TextRun((0..<n).map { "mot\($0 % 11)" }.joined(separator: " "))], style: style, language: lang))
        }
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(20), left: .mm(20)), footerGap: .mm(5))
        func doc(_ lang: String, _ blocks: [Block]) -> Document {
            Document(info: DocumentInfo(title: lang, author: "", subject: "", keywords: "", language: lang), page: template, blocks: blocks, footer: [])
        }
        let lengths = [60, 200, 35, 400, 80, 300, 50, 260]
        let fr = doc("fr", lengths.map { p($0, "fr") }), en = doc("en", lengths.map { p($0 * 3 / 4, "en") })
        let paged = try Paginator(shaper: FixedAdvanceShaper()).layoutSideBySide(fr, en)
        XCTAssertGreaterThan(paged.pages.count, 2)
        let (left, right) = firstLines(paged)
        XCTAssertEqual(left.count, lengths.count)
        XCTAssertEqual(right.count, lengths.count)
        var crossing = 0
        for (l, r) in zip(left.keys.sorted(), right.keys.sorted()) {
            XCTAssertEqual(left[l]!.0, right[r]!.0, "pair \(l) starts on the same page")
            XCTAssertEqual(left[l]!.1, right[r]!.1, accuracy: 0.01, "pair \(l) starts at the same height")
        }
        // At least one pair runs over a page break on both sides.
        for page in paged.pages.dropLast() {
            let ids = Set(page.items.compactMap { item -> Int? in if case .line(_, _, let t) = item { return t.id }; return nil })
            let next = Set(paged.pages[page.number].items.compactMap { item -> Int? in if case .line(_, _, let t) = item { return t.id }; return nil })
            crossing += ids.intersection(next).count
        }
        XCTAssertGreaterThan(crossing, 0)
        // Left column holds French, right column English, and each pair is read left then right.
        let half = (template.textArea.size.width.pt - Length.mm(6).pt) / 2
        for page in paged.pages {
            for case .line(_, let origin, let tag) in page.items where !tag.running {
                XCTAssertEqual(tag.language, origin.x.pt < template.margins.left.pt + half ? "fr" : "en")
            }
        }
    }

    func testSideBySideExampleFollowsEachSidesLanguage() throws {
        let (fr, en) = try documents("communique")
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        let paged = try Paginator(shaper: shaper).layoutSideBySide(fr, en)
        let hyphenators = ["fr": try XCTUnwrap(Hyphenator(language: "fr")), "en": try XCTUnwrap(Hyphenator(language: "en"))]
        var checkedHyphens = [String: Int](), checkedSpacing = [String: Int]()
        for page in paged.pages {
            let lines = page.items.compactMap { item -> (ShapedLine, StructureTag)? in if case .line(let l, _, let t) = item { return (l, t) }; return nil }
            for (i, (line, tag)) in lines.enumerated() {
                if line.text.contains(";") {
                    checkedSpacing[tag.language, default: 0] += 1
                    XCTAssertEqual(line.text.contains("\u{202F};"), tag.language == "fr", line.text)
                }
                // A hyphen at a line's end splits its word where that language's patterns allow.
                if line.hyphenated, let next = lines[(i + 1)...].first(where: { $0.1.id == tag.id }) {
                    let head = String(line.text.split(separator: " ").last!.dropLast())
                    let tail = String(next.0.text.split(separator: " ").first!.prefix { $0.isLetter })
                    let word = head.split(separator: "’").last.map(String.init) ?? head
                    let points = hyphenators[tag.language]!.points(Substring((word + tail).lowercased()))
                    XCTAssertTrue(points.contains(word.count), "\(tag.language): \(word)-\(tail)")
                    checkedHyphens[tag.language, default: 0] += 1
                }
            }
        }
        XCTAssertGreaterThan(checkedSpacing["fr"] ?? 0, 0)
        XCTAssertGreaterThan(checkedSpacing["en"] ?? 0, 0)
        XCTAssertGreaterThan(checkedHyphens["fr"] ?? 0, 0)
        XCTAssertGreaterThan(checkedHyphens["en"] ?? 0, 0)
    }

    func testOneBuildWritesBilingualPDFsWithTheirLanguagesTagged() throws {
        let out = Fixture.temporaryFolder()
        var request = BuildRequest(meetingPath: Fixture.example.path, layouts: ["communique", "press-kit"], outputFolder: out)
        request.bilingual = .sideBySide
        let files = try Pipeline(home: Fixture.home).build(request)
        XCTAssertEqual(files.map(\.file.lastPathComponent), ["communique.fr-en.pdf", "press-kit.fr-en.pdf"])
        for f in files {
            XCTAssertEqual(try PDFTests.problems(f.file.path), [], f.file.lastPathComponent)
            XCTAssertEqual(f.report.overfull + f.report.widows + f.report.orphans + f.report.spacing, [], f.report.summary)
            let objects = try Fixture.pdfObjects(f.file.path)
            XCTAssertTrue(objects.values.contains { ($0 as? [String: Any])?["/Type"] as? String == "/Catalog" && ($0 as? [String: Any])?["/Lang"] as? String == "u:fr" },
                          "the document's language is French")
            XCTAssertGreaterThan(try Fixture.structureElements(f.file.path).filter { $0["/Lang"] as? String == "u:en" }.count, 10, "English elements say so")
        }
        let text = try Fixture.run(Fixture.which("pdftotext"), ["-f", "1", "-l", "1", files[0].file.path, "-"]).out
            .components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
        XCTAssertTrue(text.contains("COMMUNIQUÉ DE PRESSE") && text.contains("PRESS RELEASE"), "both mastheads")
        XCTAssertTrue(text.contains("Communiqué de presse N°22") && text.contains("Press release No. 22"), "both footers")
    }

    func testSequentialHasTwoOutlineBranchesAndContinuousNumbers() throws {
        let (fr, en) = try documents("press-kit")
        let paged = try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts()))
            .layoutSequential([fr, en], continuous: true, partTitles: ["Français", "English"])
        let branches = paged.outline.filter { $0.level == 1 }
        XCTAssertEqual(branches.map(\.title), ["Français", "English"])
        XCTAssertEqual(paged.outline.filter { $0.level == 2 }.count, fr.outline.filter { $0.level == 1 }.count * 2)
        let firstEnglish = try XCTUnwrap(paged.anchors[branches[1].anchor]?.page)
        XCTAssertGreaterThan(firstEnglish, 2)
        XCTAssertEqual(paged.pageLabels[firstEnglish - 1], "Cover")
        XCTAssertEqual(paged.pageLabels.last, String(paged.pages.count))
        // The English contents give the pages of the English part in the whole PDF.
        let englishContents = paged.pages[firstEnglish].items.compactMap { item -> String? in
            if case .line(let l, _, let t) = item, t.role == .contentsEntry, Int(l.text) != nil { return l.text }; return nil
        }
        XCTAssertEqual(englishContents.first, String(try XCTUnwrap(paged.anchors["en-h1"]?.page)))
        XCTAssertGreaterThan(Int(englishContents.first ?? "0") ?? 0, firstEnglish)
    }

    func testGermanAndItalianDataBuildWithTheirOwnConventions() throws {
        let out = Fixture.temporaryFolder()
        let files = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: Fixture.path("quadrilingual/meeting.yaml"),
                                                                          languages: ["de", "it"], outputFolder: out))
        XCTAssertEqual(files.map(\.file.lastPathComponent), ["communique.de.pdf", "communique.it.pdf"])
        func text(_ i: Int) throws -> String {
            try Fixture.run(Fixture.which("pdftotext"), [files[i].file.path, "-"]).out
                .replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "-\n", with: "")
                .components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
        }
        let de = try text(0), it = try text(1)
        for s in ["PRESSEMITTEILUNG", "Paris, 1. Mai 2019", "Nr. 23", "„gemeinsame Erklärung“", "Pressekontakt", "E-Mail:"] {
            XCTAssertTrue(de.contains(s), "de: \(s) in \(de)")
        }
        for s in ["COMUNICATO STAMPA", "Paris, 1º maggio 2019", "N. 23", "«dichiarazione congiunta»", "Contatti stampa"] {
            XCTAssertTrue(it.contains(s), "it: \(s) in \(it)")
        }
        XCTAssertTrue(files.allSatisfy { $0.report.overfull.isEmpty && $0.report.spacing.isEmpty })
    }

    func testALanguageWithoutAShippedFontNamesThePackage() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "languages: [fr, en, ja]")
        let pipeline = Pipeline(home: Fixture.home)
        pipeline.systemRoot = Fixture.temporaryFolder().path
        let d = Fixture.diagnostics { _ = try pipeline.documents(for: BuildRequest(meetingPath: path, languages: ["ja"])) }
        let font = try XCTUnwrap(d.first { $0.path == "languages" })
        XCTAssertEqual(font.message, "the language ja (Japanese) needs a font presskit does not ship; install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)")
        XCTAssertNil(FontLibrary.systemFontProblem(for: "de"))
    }
}

/// Issue 11, item 17: a meeting file's `bilingual:` with more than two languages in the build asks which two.
final class BilingualPairTests: XCTestCase {
    func testABilingualDocumentOfMoreThanTwoLanguagesAsksWhichTwo() throws {
        let text = try String(contentsOfFile: Fixture.path("quadrilingual/meeting.yaml"), encoding: .utf8)
        let folder = Fixture.temporaryFolder()
        let path = folder.appendingPathComponent("meeting.yaml").path
        let marker = try XCTUnwrap(text.range(of: "\nlanguages:"))
        var changed = text
        changed.insert(contentsOf: "\nbilingual: {communique: side-by-side}", at: marker.lowerBound)
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        for (from, to) in [("photos", "photos"), ("logos", "logos")] {
            let source = URL(fileURLWithPath: Fixture.path("quadrilingual")).appendingPathComponent(from)
            if FileManager.default.fileExists(atPath: source.path) { try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(to)) }
        }
        var request = BuildRequest(meetingPath: path, layouts: ["communique"], outputFolder: folder.appendingPathComponent("out"))
        let refused = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).build(request) }
        XCTAssertTrue(refused.contains { $0.path == "bilingual.communique" && $0.message.contains("pairs two languages") && ($0.hint ?? "").contains("--lang") },
                      "\(refused)")
        XCTAssertEqual(refused.first?.mark.line, try Fixture.line(of: "bilingual: {communique", in: path))
        request.languages = ["fr", "de"]
        let built = try Pipeline(home: Fixture.home).build(request)
        XCTAssertEqual(built.map { $0.file.lastPathComponent }, ["communique.fr-de.pdf"])
    }
}
