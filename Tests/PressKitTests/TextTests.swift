import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Text layer: hyphenation and line breaking of real paragraphs with the shipped fonts.
final class TextTests: XCTestCase {
    static let fonts = try? FontLibrary(folder: Fixture.home.fonts)

    func shaper() throws -> PangoShaper { PangoShaper(fonts: try XCTUnwrap(Self.fonts, "fonts did not load")) }

    func testFrenchAndEnglishHyphenationPoints() throws {
        let fr = try XCTUnwrap(Hyphenator(language: "fr"), "hyphen-fr is not installed")
        XCTAssertEqual(fr.points("numériques"), [2, 4])  // nu-mé-riques: French patterns never split off a mute final syllable
        XCTAssertEqual(fr.points("coopération"), [2, 5, 7])  // co-opé-ra-tion
        XCTAssertEqual(fr.points("Nouvelle-Zélande"), [])  // a proper name
        let en = try XCTUnwrap(Hyphenator(language: "en"), "hyphen-en-us is not installed")
        XCTAssertEqual(en.points("international"), [2, 5, 7])  // in-ter-na-tional
    }

    func testGermanAndItalianHyphenation() throws {
        // German patterns come in ISO 8859-1; German nouns are capitalised and still hyphenate.
        let de = try XCTUnwrap(Hyphenator(language: "de"), "hyphen-de is not installed")
        XCTAssertEqual(de.points("Zusammenarbeit"), [2, 5, 8, 10])  // Zu-sam-men-ar-beit
        XCTAssertEqual(de.points("Größe"), [3])  // Grö-ße: a non-ASCII letter before the break
        let it = try XCTUnwrap(Hyphenator(language: "it"), "hyphen-it is not installed")
        XCTAssertEqual(it.points("cooperazione"), [2, 3, 5, 7, 10])  // co-o-pe-ra-zio-ne
    }

    func testNamesAcronymsNumbersAndShortWordsAreNotHyphenated() throws {
        let fr = try XCTUnwrap(Hyphenator(language: "fr"))
        for word in ["Biarritz", "UNESCO", "Nouvelle", "G7", "2019", "le", "aux"] { XCTAssertEqual(fr.points(Substring(word)), [], word) }
        // After an apostrophe only the word itself is hyphenated, never the elided article.
        let hyphenated = fr.hyphenate("l’intelligence aujourd’hui")
        XCTAssertFalse(hyphenated.contains("’\u{00AD}"))
        XCTAssertFalse(hyphenated.contains("l\u{00AD}’"))
        XCTAssertEqual(hyphenated.replacingOccurrences(of: "\u{00AD}", with: ""), "l’intelligence aujourd’hui")
        XCTAssertTrue(hyphenated.contains("in\u{00AD}tel\u{00AD}li\u{00AD}gence"), hyphenated)
    }

    func testShippedFontsHaveEveryFaceAndUnknownFontsAreNamed() throws {
        let fonts = try XCTUnwrap(Self.fonts)
        // The families styles may name: the shipped ones (DejaVu serves as a fallback for Hebrew and Arabic;
        // installed CJK fonts are fallbacks only, never a style's font).
        XCTAssertEqual(fonts.families, ["DejaVu Sans", "Inter"])
        for weight in [FontWeight.regular, .semibold, .bold] { XCTAssertNil(fonts.problem(family: "Inter", weight: weight, italic: false)) }
        XCTAssertNil(fonts.problem(family: "Inter", weight: .regular, italic: true))
        XCTAssertNil(fonts.problem(family: "Inter", weight: .bold, italic: true))
        XCTAssertEqual(fonts.problem(family: "Marianne", weight: .regular, italic: false),
                       "the font `Marianne` is not among the fonts of this build (DejaVu Sans, Inter)")
        XCTAssertEqual(fonts.problem(family: "Inter", weight: .semibold, italic: true),
                       "the font `Inter` has no semibold italic face")
    }

    func testRealParagraphsNeverOverflowAndFrenchLineEdgesAreClean() throws {
        let pipeline = Pipeline(home: Fixture.home)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"])).documents
        let document = try XCTUnwrap(docs.first).document
        let shaper = try shaper()
        var paragraphs: [Paragraph] = []
        for block in document.blocks {
            switch block {
            case .paragraph(let p): paragraphs.append(p)
            case .list(let items, _): paragraphs += items.map(\.paragraph)
            case .quote(let p, _): paragraphs.append(p)
            case .keepTogether(let inner): for case .paragraph(let p) in inner { paragraphs.append(p) }
            default: break
            }
        }
        XCTAssertGreaterThan(paragraphs.count, 10)
        var lines = 0
        for width in [150.0, 230.0, 480.0] {
            for p in paragraphs {
                for line in try shaper.lines(p, width: .pt(width)) {
                    lines += 1
                    XCTAssertLessThanOrEqual(line.width.pt, width + 0.01, "overfull: \(line.text)")
                    let visible = line.text.replacingOccurrences(of: "\u{00AD}", with: "")
                    XCTAssertFalse(visible.first.map { ";:!?»".contains($0) } ?? false, "line starts with punctuation: \(visible)")
                    XCTAssertFalse(visible.trimmingCharacters(in: .whitespaces).hasSuffix("«"), "line ends with «: \(visible)")
                }
            }
        }
        XCTAssertGreaterThan(lines, 100)
    }

    func testTheExamplePagesKeepEverythingInsideTheirAreas() throws {
        let pipeline = Pipeline(home: Fixture.home)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path)).documents
        XCTAssertEqual(docs.count, 6)
        for (_, lang, document) in docs {
            let paged = try Paginator(shaper: try shaper()).layout(document)
            let area = document.page.textArea
            // The footer zone: below the text area by the footer gap, within the side margins and the page.
            let foot = Rect(x: area.minX, y: area.maxY + document.page.footerGap - .pt(12), width: area.size.width,
                            height: document.page.size.height - area.maxY - document.page.footerGap + .pt(12))
            // The running header's zone: in the top margin, above the text area by the header gap.
            let head = Rect(x: area.minX, y: .zero, width: area.size.width, height: area.minY - document.page.headerGap + .pt(0.5))
            for page in paged.pages {
                for item in page.items {
                    let b = item.bounds
                    XCTAssertTrue(area.contains(b, tolerance: 0.5) || foot.contains(b, tolerance: 0.5) || head.contains(b, tolerance: 0.5),
                                  "\(lang) page \(page.number): \(b) is outside the text area and the footer")
                }
            }
        }
    }

    func testAnOverlongAddressIsBrokenAndKeptWhole() throws {
        var style = ParagraphStyle()
        style.align = .justify
        let url = "https://www.economie.gouv.fr/" + String(repeating: "chemin-tres-long/", count: 8)
        let p = Paragraph(runs: [TextRun("Voir "), TextRun(url, link: url), TextRun(" ici.")], style: style, language: "fr")
        let lines = try shaper().lines(p, width: .pt(120))
        XCTAssertGreaterThan(lines.count, 2)
        for line in lines { XCTAssertLessThanOrEqual(line.width.pt, 120.01) }
        XCTAssertEqual(lines.map(\.text).joined().replacingOccurrences(of: "\u{00AD}", with: ""), "Voir \(url) ici.")
        XCTAssertFalse(lines.map(\.text).joined().contains("\u{00AD}/"), "no soft hyphen inside an address")
    }

    func testATextWithNoGlyphIsAnErrorNotBoxes() throws {
        // Ol Chiki: neither the shipped fonts nor Debian's CJK fonts have it.
        let p = Paragraph(runs: [TextRun("Délégation ᱚᱛ")], style: ParagraphStyle(), language: "fr", origin: "meeting.yaml:12")
        XCTAssertThrowsError(try shaper().lines(p, width: .pt(300))) { error in
            XCTAssertTrue("\(error)".contains("U+1C5A"), "\(error)")
            XCTAssertTrue((error as? DiagnosticError)?.diagnostics.first?.hint?.contains("Assets/fonts") ?? false, "\(error)")
        }
        // Chinese, Japanese or Korean text names the package presskit takes them from.
        XCTAssertTrue(ParagraphSetter.fontHint(for: Array("日本".unicodeScalars)).contains("fonts-noto-cjk"))
        XCTAssertFalse(ParagraphSetter.fontHint(for: Array("ᱚ".unicodeScalars)).contains("fonts-noto-cjk"))
    }
}

/// Root cause of issue 11: the per-word shaping cache of a long `watch` session was never trimmed.
final class ShapingCacheTests: XCTestCase {
    func testTheCacheKeepsTheWorkingSetBetweenBuilds() throws {
        let fonts = try XCTUnwrap(TextTests.fonts, "fonts did not load")
        let units = UnitShaper(fonts: fonts, limit: 10)
        let style = ParagraphStyle()
        for i in 0..<20 { _ = units.shape("premier\(i)", spans: [], style: style, language: "fr") }
        units.beginBuild()
        XCTAssertEqual(units.count, 20, "what the last build used is kept")
        for i in 0..<5 { _ = units.shape("second\(i)", spans: [], style: style, language: "fr") }
        _ = units.shape("premier0", spans: [], style: style, language: "fr")
        units.beginBuild()
        XCTAssertEqual(units.count, 6, "units the last build did not use are let go past the limit")
        let shapedBefore = units.shaped
        _ = units.shape("premier0", spans: [], style: style, language: "fr")
        XCTAssertEqual(units.shaped, shapedBefore, "a unit kept is not shaped again")
    }
}
