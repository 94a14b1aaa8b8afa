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
        // It claims the parts whose requirements these tests and TaggedContentTests check.
        XCTAssertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>"), xmp)
        XCTAssertTrue(xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"), xmp)
        let producer = try Fixture.run(Fixture.which("pdfinfo"), [path]).out.split(separator: "\n").first { $0.hasPrefix("Producer:") }?
            .dropFirst("Producer:".count).trimmingCharacters(in: .whitespaces) ?? ""
        XCTAssertTrue(xmp.contains("<pdf:Producer>\(producer)</pdf:Producer>"), "the producer as in the Info dictionary: \(producer)")
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

    /// An SVG logo with a mask: Cairo writes it as a form whose soft mask draws an interpolated image,
    /// which PDF/A forbids; the finisher takes /Interpolate off images however deep they sit.
    func testNoImageInsideALogoIsInterpolated() throws {
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: masked.svg")
        try """
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">
        <defs><radialGradient id="r"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
        <mask id="m"><rect width="120" height="60" fill="url(#r)"/></mask></defs>
        <rect width="120" height="60" fill="#002395"/><circle cx="60" cy="30" r="25" fill="#ED2939" mask="url(#m)"/></svg>
        """.write(toFile: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("masked.svg").path, atomically: true, encoding: .utf8)
        let request = BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["communique"], outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
        let file = try XCTUnwrap(try Self.pipeline.build(request).files.first).file.path
        let objects = try Fixture.pdfObjects(file)
        // Objects, and streams' dictionaries.
        let dictionaries = objects.values.compactMap { $0 as? [String: Any] }.flatMap { [$0] + [($0["dict"] as? [String: Any]) ?? [:]] }
        XCTAssertTrue(dictionaries.contains { $0["/Subtype"] as? String == "/Image" }, "the mask is drawn as an image")
        for dictionary in dictionaries { XCTAssertNil(dictionary["/Interpolate"], "\(dictionary)") }
    }

    func testASideBySidePDFReadsEachLanguageWholeInItsOwnSection() throws {
        var request = BuildRequest(meetingPath: Fixture.example.path, layouts: ["press-kit"], outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
        request.bilingual = .sideBySide
        let file = try XCTUnwrap(try Self.pipeline.build(request).files.first).file.path
        let objects = try Fixture.pdfObjects(file)
        let elements = try Fixture.structureElements(file)
        let document = try XCTUnwrap(elements.first { $0["/S"] as? String == "/Document" })
        let sections = ((document["/K"] as? [Any]) ?? []).compactMap { ($0 as? String).flatMap { objects["obj:" + $0] as? [String: Any] } }
        XCTAssertEqual(sections.map { $0["/S"] as? String }, ["/Sect", "/Sect"], "French whole, then English")
        XCTAssertEqual(sections.map { $0["/Lang"] as? String }, ["u:fr", "u:en"])
        // One table per language, however many pages and rows it runs over.
        XCTAssertEqual(elements.filter { $0["/S"] as? String == "/Table" }.count, 4, "the programme and the delegations, in each language")
        let xmp = try XCTUnwrap(String(data: try XCTUnwrap(Self.metadata(file)), encoding: .utf8))
        XCTAssertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), xmp)
    }

    func testAParagraphRunningOntoTheNextPageIsOneElement() throws {
        // A press kit's pages each start with artifacts (a running header), which close the open paragraph:
        // reopened, it must still be one P, its marked content on both pages.
        let kit = PeerContentTests.meeting.path  // long sections: paragraphs run over pages
        let path = try write(try PDFRenderer.render(try paged("press-kit", "fr", path: kit), created: PDFTests.epoch), "kit.pdf")
        let elements = try Fixture.structureElements(path)
        let spanning = elements.filter { element in
            let pages = Set(((element["/K"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["/Pg"] as? String })
            return pages.count > 1
        }
        XCTAssertFalse(spanning.isEmpty, "some element holds marked content on two pages")
    }

    func testAPassageInAnotherLanguageIsASpanWithItsLanguageAndACaptionIsInItsFigure() throws {
        let forum = Fixture.repository.appendingPathComponent("Examples/forum-italo-francese-2026/meeting.yaml").path
        let path = try write(try PDFRenderer.render(try paged("article", "en", path: forum), created: PDFTests.epoch), "article.pdf")
        let spans = try Fixture.structureElements(path).filter { $0["/S"] as? String == "/Span" && $0["/Lang"] as? String == "u:it" }
        XCTAssertGreaterThanOrEqual(spans.count, 1, "“Rete Torino–Lione per l’industria” is marked Italian in the English article")
        // Its photos' captions are in their figures.
        let objects = try Fixture.pdfObjects(path)
        let captions = try Fixture.structureElements(path).filter { $0["/S"] as? String == "/Caption" }
        XCTAssertEqual(captions.count, 2)
        for caption in captions {
            XCTAssertEqual(((caption["/P"] as? String).flatMap { objects["obj:" + $0] as? [String: Any] })?["/S"] as? String, "/Figure")
        }
        XCTAssertEqual(try TaggedContentTests.unmarked(path), [])
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

    func testPageContentsReadUncompressedAreRewrittenAsCairosCompressedOnes() throws {
        // The finisher inflates Cairo's compressed page streams itself, on every core; any other stream is read
        // as qpdf decodes it. Both roads must give the same pages: the same PDF with its streams uncompressed.
        let (cairo, elements) = try PDFRenderer.draw(try paged("press-kit", "fr"), created: PDFTests.epoch)
        let plain = try write(cairo, "cairo.pdf")
        let open = plain.replacingOccurrences(of: "cairo.pdf", with: "open.pdf")
        XCTAssertEqual(try Fixture.run(Fixture.which("qpdf"), ["--stream-data=uncompress", plain, open]).status, 0)
        let info = try paged("press-kit", "fr").info
        func pages(_ pdf: Data) throws -> [[UInt8]] {
            let finished = try PDFFinisher.finish(pdf, info: info, created: PDFTests.epoch, elements: elements, claims: [])
            let doc = try QPDFDocument(finished)
            return doc.pages.map { page in
                XCTAssertEqual(doc.key(page, "/Contents").map(doc.items)?.count, 1, "one content stream a page")
                return doc.pageContent(page).map { [UInt8]($0) } ?? []
            }
        }
        let fromCairo = try pages(cairo), fromOpen = try pages(try Data(contentsOf: URL(fileURLWithPath: open)))
        XCTAssertEqual(fromCairo.count, 6)
        XCTAssertEqual(fromCairo, fromOpen)
        // The rewriting happened on both roads: artifacts retyped, no Private marked content left.
        for content in fromCairo { XCTAssertFalse(ContentRewriter.contains(content, "/Private")) }
        XCTAssertTrue(fromCairo.contains { ContentRewriter.contains($0, "/Artifact") })
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

/// The structure requirements of PDF/UA-1 that the XMP's claim rests on, read back from every PDF of
/// every example: all content in an element or an artifact, artifacts out of the tree, tables, contents,
/// links and figures as the standard wants them.
final class TaggedContentTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)
    nonisolated(unsafe) static var files: [String] = []

    override class func setUp() {
        let out = Fixture.temporaryFolder()
        for (_, path) in ExamplesTests.examples {
            files += ((try? pipeline.build(BuildRequest(meetingPath: path, outputFolder: out, created: PDFTests.epoch)))?.files ?? []).map(\.file.path)
        }
        // The G7 both ways; the conference side by side, where a title line ends with a word's own hyphen.
        let conference = ExamplesTests.examples.first { $0.name == "conference-euromed-eau-2026" }!.path
        for (mode, path) in [(BilingualMode.sequential, Fixture.example.path), (.sideBySide, Fixture.example.path), (.sideBySide, conference)] {
            var request = BuildRequest(meetingPath: path, outputFolder: out.appendingPathComponent(mode.rawValue), created: PDFTests.epoch)
            request.bilingual = mode
            let built = ((try? pipeline.build(request))?.files ?? []).map(\.file.path)
            files += built
            if mode == .sideBySide { sideBySide += built }
        }
    }

    /// The side-by-side PDFs among `files`.
    nonisolated(unsafe) static var sideBySide: [String] = []

    static func pageCount(_ path: String) throws -> Int {
        try Fixture.pdfObjects(path).values.filter { ($0 as? [String: Any])?["/Type"] as? String == "/Page" }.count
    }

    /// Text, paths and images drawn outside any marked content, per page: what no reader can place.
    static func unmarked(_ path: String) throws -> [String] {
        let objects = try Fixture.pdfObjects(path)
        var out: [String] = []
        let pages = objects.values.compactMap { $0 as? [String: Any] }.filter { $0["/Type"] as? String == "/Page" }
        XCTAssertFalse(pages.isEmpty)
        let count = pages.count
        for page in 1...count {
            let bytes = Array(try pageContent(path, page).utf8)
            var depth = 0
            for token in ContentRewriter.tokens(bytes) where token.kind == .word {
                let word = ContentRewriter.text(bytes, token)
                switch word {
                case "BDC", "BMC": depth += 1
                case "EMC": depth -= 1
                case "Tj", "TJ", "'", "\"", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
                    if depth == 0 { out.append("page \(page): \(word) outside marked content") }
                default: break
                }
            }
        }
        return out
    }

    /// A page's content stream, decoded (presskit writes one per page).
    static func pageContent(_ path: String, _ page: Int) throws -> String {
        let out = try Fixture.run(Fixture.which("qpdf"), ["--show-object=\(try firstContentObject(path, page))", "--filtered-stream-data", path])
        return String(decoding: Array(out.out.utf8), as: UTF8.self)
    }

    static func firstContentObject(_ path: String, _ page: Int) throws -> String {
        let pages = try Fixture.run(Fixture.which("qpdf"), ["--show-pages", path]).out.split(separator: "\n")
        // "page 1: 3 0 R" then "  content:" then "    4 0 R"
        var current = 0
        var wanted = false
        for line in pages {
            if line.hasPrefix("page ") { current += 1; wanted = current == page; continue }
            if wanted, line.hasPrefix("    "), let number = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first { return String(number) }
        }
        throw DiagnosticError(.internalFailure("no content for page \(page) of \(path)"))
    }

    func testEveryPieceOfContentIsTaggedOrAnArtifact() throws {
        XCTAssertGreaterThan(Self.files.count, 20, "every example built")
        for path in Self.files {
            XCTAssertEqual(try Self.unmarked(path), [], path)
        }
    }

    func testTheTreeHoldsNoArtifactAndStandardStructures() throws {
        for path in Self.files {
            let elements = try Fixture.structureElements(path)
            let name = URL(fileURLWithPath: path).lastPathComponent
            XCTAssertFalse(elements.contains { $0["/S"] as? String == "/Private" }, "\(name): artifacts left the tree")
            for th in elements where th["/S"] as? String == "/TH" {
                XCTAssertEqual((th["/A"] as? [String: Any])?["/Scope"] as? String, "/Column", "\(name): a header cell says what it heads")
            }
            let objects = try Fixture.pdfObjects(path)
            func role(_ reference: Any?) -> String? { (reference as? String).flatMap { (objects["obj:" + $0] as? [String: Any])?["/S"] as? String } }
            for item in elements where item["/S"] as? String == "/TOCI" { XCTAssertEqual(role(item["/P"]), "/TOC", "\(name): a contents entry is in the contents") }
            for item in elements where item["/S"] as? String == "/Caption" { XCTAssertEqual(role(item["/P"]), "/Figure", "\(name): a caption is in its figure") }
            for item in elements where item["/S"] as? String == "/TR" {
                XCTAssertTrue(["/THead", "/TBody"].contains(role(item["/P"]) ?? ""), "\(name): a row is in the table's head or body")
            }
            // A Link element holds its text (marked content) and its annotation.
            for link in elements where link["/S"] as? String == "/Link" {
                let kids = (link["/K"] as? [Any]) ?? [link["/K"] as Any]
                XCTAssertTrue(kids.contains { $0 is Int || (($0 as? [String: Any])?["/Type"] as? String) == "/MCR" }, "\(name): a link's words are in it")
                XCTAssertTrue(kids.contains { (($0 as? [String: Any])?["/Type"] as? String) == "/OBJR" }, "\(name): a link's annotation is in it")
            }
        }
    }

    /// A hyphen a reader must drop (added where a word was broken) and one it must keep (a word's own,
    /// ending a line: "euro-|méditerranéenne") are told apart: every /ActualText left in the content is a
    /// soft hyphen, or a hyphen with the letter before it, and the example's own hyphen at a line end is one.
    func testALineEndingWithAWordsOwnHyphenKeepsIt() throws {
        var kept: [String] = []
        for path in Self.files {
            for page in 1...(try Self.pageCount(path)) {
                let bytes = Array(try Self.pageContent(path, page).utf8)
                let tokens = ContentRewriter.tokens(bytes)
                for (k, token) in tokens.enumerated() where ContentRewriter.text(bytes, token) == "/ActualText" && k + 1 < tokens.count {
                    let text = try XCTUnwrap(ContentRewriter.decodedString(bytes, tokens[k + 1]))
                    let name = URL(fileURLWithPath: path).lastPathComponent
                    XCTAssertTrue(text == "\u{00AD}" || text == "-" || (text.count == 2 && text.last == "-" && text.first!.isLetter),
                                  "\(name) p. \(page): an /ActualText \(text.debugDescription) that the glyphs' own text should give")
                    if text.count == 2 { kept.append(text) }
                }
            }
        }
        XCTAssertTrue(kept.contains("o-"), "the conference's \"euro-\" ending a line of its title, side by side: \(kept)")
    }

    /// Side by side, each page paints the left column whole, then the right one, as the tree reads one
    /// language whole then the other: the marked content of each page, in painting order, belongs first to
    /// the first language's Sect, then only to the second's.
    func testASideBySidePagePaintsOneLanguageWholeThenTheOther() throws {
        XCTAssertGreaterThan(Self.sideBySide.count, 3)
        for path in Self.sideBySide {
            let objects = try Fixture.pdfObjects(path)
            func object(_ reference: Any?) -> [String: Any]? {
                (reference as? [String: Any]) ?? (reference as? String).flatMap { objects["obj:" + $0] as? [String: Any] }
            }
            let catalog = try XCTUnwrap(objects.values.compactMap { $0 as? [String: Any] }.first { $0["/Type"] as? String == "/Catalog" })
            let parentTree = object(object(catalog["/StructTreeRoot"])?["/ParentTree"])
            let nums = try XCTUnwrap(parentTree?["/Nums"] as? [Any], "a parent tree of one level, as Cairo writes it")
            var parents: [Int: [Any]] = [:]
            for k in stride(from: 0, to: nums.count - 1, by: 2) {
                if let key = nums[k] as? Int { parents[key] = (nums[k + 1] as? [Any]) ?? (objects["obj:\(nums[k + 1])"] as? [Any]) ?? [] }
            }
            func language(_ reference: Any) -> String? {
                var element = object(reference)
                while let e = element, e["/S"] as? String != "/Sect" { element = object(e["/P"]) }
                return element?["/Lang"] as? String
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            for page in 1...(try Self.pageCount(path)) {
                let pageObject = try XCTUnwrap(object(try Self.pageReference(path, page)))
                let marked = try XCTUnwrap(parents[try XCTUnwrap(pageObject["/StructParents"] as? Int)], "\(name) p. \(page)")
                let bytes = Array(try Self.pageContent(path, page).utf8)
                let tokens = ContentRewriter.tokens(bytes)
                var languages: [String] = []
                for (k, token) in tokens.enumerated() where ContentRewriter.text(bytes, token) == "/MCID" && k + 1 < tokens.count {
                    let mcid = try XCTUnwrap(Int(ContentRewriter.text(bytes, tokens[k + 1])))
                    languages.append(try XCTUnwrap(language(marked[mcid]), "\(name) p. \(page): MCID \(mcid) in no language's Sect"))
                }
                XCTAssertEqual(Set(languages).count, 2, "\(name) p. \(page): both languages on the page")
                let switched = zip(languages, languages.dropFirst()).filter { $0 != $1 }.count
                XCTAssertEqual(switched, 1, "\(name) p. \(page): one language whole, then the other: \(languages)")
                XCTAssertEqual(languages.first, "u:fr", "\(name) p. \(page): the left column (French) first")
            }
        }
    }

    /// The reference ("12 0 R") of page `page` of a PDF.
    static func pageReference(_ path: String, _ page: Int) throws -> String {
        let lines = try Fixture.run(Fixture.which("qpdf"), ["--show-pages", path]).out.split(separator: "\n")
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("page \(page): ") })
        return String(line.dropFirst("page \(page): ".count))
    }

    func testAHyphenatedWordCopiesWhole() throws {
        let hyphenated = try XCTUnwrap(Self.files.first { $0.hasSuffix("g7-numerique-2019/communique.fr.pdf") })
        let text = try Fixture.run(Fixture.which("pdftotext"), [hyphenated, "-"]).out
        XCTAssertTrue(text.contains("num\u{00E9}\u{00AD}\nriques") || text.contains("numé\u{00AD}\nriques"), "the line-end hyphen is a soft hyphen")
        let joined = text.replacingOccurrences(of: "\u{00AD}\n", with: "")
        XCTAssertTrue(joined.contains("technologies numériques est vital"), joined)
    }
}

/// The structure tree read back from the PDF against the document tree it was drawn from.
final class StructureReadBackTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// The roles of the text-bearing elements of a document tree, in reading order (list items as LBody,
    /// table cells as TH/TD), leaving out what is drawn as artifacts.
    static func expected(_ blocks: [Block]) -> [String] {
        var out: [String] = []
        func add(_ p: Paragraph) { out.append(p.role.rawValue) }
        for block in blocks {
            switch block {
            case .paragraph(let p): add(p)
            case .list(let items, _): for item in items { _ = item; out.append("LBody") }
            case .quote(let p, let attribution): add(p); if let a = attribution { add(a) }
            case .columns(let set): for c in set.columns { out += expected(c.blocks) }
            case .keepTogether(let inner): out += expected(inner)
            case .box(let box): out += expected(box.blocks)
            case .tableOfContents(let entries): out += entries.map { _ in "TOCI" }
            case .table(let t): out += t.header.map { _ in "TH" }; for row in t.rows { out += row.map { _ in "TD" } }
            case .floating(let f): if let c = f.caption { add(c) }; out += expected(f.blocks)
            case .image, .rule, .spacer, .fill, .pageBreak: break
            }
        }
        return out
    }

    /// The roles of the PDF's text-bearing elements, walking the tree from its root in order.
    static func read(_ path: String) throws -> [String] {
        let objects = try Fixture.pdfObjects(path)
        guard let catalog = objects.values.compactMap({ $0 as? [String: Any] }).first(where: { $0["/Type"] as? String == "/Catalog" }),
              let rootRef = catalog["/StructTreeRoot"] as? String, let root = objects["obj:" + rootRef] as? [String: Any] else { return [] }
        let textRoles: Set<String> = ["P", "H1", "H2", "H3", "BlockQuote", "TOCI", "Caption", "LBody", "TH", "TD"]
        var out: [String] = []
        func visit(_ value: Any?) {
            if let list = value as? [Any] { list.forEach(visit); return }
            guard let ref = value as? String, let element = objects["obj:" + ref] as? [String: Any], let role = element["/S"] as? String else { return }
            let name = String(role.dropFirst())
            if textRoles.contains(name) { out.append(name) }
            visit(element["/K"])
        }
        visit(root["/K"])
        return out
    }

    func testEachLayoutsStructureTreeIsItsDocumentTree() throws {
        for layout in ["communique", "press-kit", "presidency-summary"] {
            let prepared = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"], layouts: [layout]))
            let document = try XCTUnwrap(prepared.documents.first).document
            let paged = try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts())).layout(document)
            let url = Fixture.temporaryFolder().appendingPathComponent("\(layout).pdf")
            try PDFRenderer.render(paged, created: PDFTests.epoch).write(to: url)
            let read = try Self.read(url.path)
            XCTAssertGreaterThan(read.count, 15, "\(layout): the tree was read")
            XCTAssertEqual(read, Self.expected(document.blocks), layout)
        }
    }
}
