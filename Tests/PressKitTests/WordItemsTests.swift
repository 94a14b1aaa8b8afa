import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// `WordItems`: a word's boxes and penalties taken from what was made for it earlier are those it would be
/// made into again, in every context that changes them (sentence start, names, inline properties, passages
/// in another language, directions, widths), on the example's paragraphs and on paragraphs made of their words.
final class WordItemsTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// The example communiqué's justified paragraphs in `lang`, with their widths.
    func paragraphs(_ lang: String) throws -> [(Paragraph, Double)] {
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: [lang], layouts: ["communique", "press-kit"])).documents
        var out: [(Paragraph, Double)] = []
        for doc in docs {
            let column = doc.document.page.textArea.size.width.pt
            func visit(_ blocks: [Block]) {
                for block in blocks {
                    switch block {
                    case .paragraph(let p): out.append((p, column - p.style.indent.pt))
                    case .list(let items, let indent): for (_, p) in items { out.append((p, column - indent.pt)) }
                    case .keepTogether(let inner): visit(inner)
                    case .box(let box): visit(box.blocks)
                    default: break
                    }
                }
            }
            visit(doc.document.blocks)
        }
        return out
    }

    /// Paragraphs made of the example's words in a shuffled order (a seeded generator), capitalised at random,
    /// with sentence ends, personal names, bold and linked words, a passage in English, Hebrew and Arabic words.
    func variations(of source: [(Paragraph, Double)], count: Int) -> [(Paragraph, Double)] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let vocabulary = source.flatMap { $0.0.text.split(separator: " ").map(String.init) }
            + ["Ensemble", "ensemble.", "M.", "Dupont", "Jean-Yves", "Le", "Drian", "www.elysee.fr", "contact@elysee.fr", "G7‑אגודת",
               "שלום", "العربية", "anticonstitutionnellement", "Anticonstitutionnellement", "co-présidence", "«", "»", ":", "n°", "22",
               "intelligence", "artificielle", "numérique", "numériques", "Numérique"]
        var out: [(Paragraph, Double)] = []
        for k in 0..<count {
            let (model, width) = source[next(source.count)]
            var words = (0..<(20 + next(60))).map { _ in vocabulary[next(vocabulary.count)] }
            if next(3) == 0 { words[next(words.count)] += "." }
            var runs: [TextRun] = []
            var plain: [String] = []
            for word in words {
                switch next(12) {
                case 0: runs.append(TextRun(plain.joined(separator: " ") + " ")); plain = []; runs.append(TextRun(word, bold: true)); plain.append("")
                case 1: runs.append(TextRun(plain.joined(separator: " ") + " ")); plain = []; runs.append(TextRun(word, link: "https://elysee.fr")); plain.append("")
                case 2:
                    runs.append(TextRun(plain.joined(separator: " ") + " ")); plain = []
                    var passage = TextRun("computer science " + word); passage.language = "en"; runs.append(passage); plain.append("")
                default: plain.append(word)
                }
            }
            runs.append(TextRun(plain.joined(separator: " ")))
            var p = Paragraph(runs: runs.filter { !$0.text.isEmpty }, style: model.style, language: model.language)
            p.style.align = next(4) == 0 ? .left : .justify
            if next(2) == 0 { p.names = ["Jean-Yves Le Drian", "M. Dupont"] }
            let widths = [width, width * 0.5, width * 0.25, 40]
            out.append((p, widths[k % widths.count]))
        }
        return out
    }

    func testWordsTakenFromEarlierAreTheWordsMadeAgain() throws {
        let fonts = try Self.pipeline.fonts()
        var compared = 0, known = 0, refused = 0
        for lang in ["fr", "en"] {
            let examples = try paragraphs(lang)
            XCTAssertGreaterThan(examples.count, 10)
            // One cache for every paragraph (as a text context has), warmed by each before the next.
            let shared = WordItemsCache()
            let warm = PangoShaper(fonts: fonts, words: shared)
            for (p, width) in examples + variations(of: examples, count: 150) {
                let remembered = ParagraphSetter(paragraph: p, width: width, shaper: warm)
                let forgetful = PangoShaper(fonts: fonts)
                forgetful.remembersWords = false
                let fresh = ParagraphSetter(paragraph: p, width: width, shaper: forgetful)
                let made = (Result { try remembered.lines() }, Result { try fresh.lines() })
                guard case .success(let a) = made.0, case .success(let b) = made.1 else {
                    // A word too wide for a column is refused alike.
                    if case .failure(let x) = made.0, case .failure(let y) = made.1 { XCTAssertEqual("\(x)", "\(y)"); refused += 1 } else { XCTFail("one set, one refused: \(p.text.prefix(60))") }
                    continue
                }
                XCTAssertEqual(remembered.breakItems, fresh.breakItems, "items of “\(p.text.prefix(60))” at \(width) pt")
                XCTAssertEqual(remembered.places.map { [$0.start, $0.end, $0.word, Int($0.level)] }, fresh.places.map { [$0.start, $0.end, $0.word, Int($0.level)] })
                XCTAssertEqual(a.map(\.text), b.map(\.text), "lines of “\(p.text.prefix(60))” at \(width) pt")
                XCTAssertEqual(a.map { $0.runs.flatMap { $0.glyphs.map(\.id) } }, b.map { $0.runs.flatMap { $0.glyphs.map(\.id) } })
                XCTAssertEqual(a.map(\.width.pt), b.map(\.width.pt))
                XCTAssertEqual(remembered.warnings.map(\.message), fresh.warnings.map(\.message))
                compared += 1
            }
            known += shared.known.found
        }
        XCTAssertGreaterThan(compared, 300)
        XCTAssertGreaterThan(refused, 0, "words too wide for the narrowest columns were met")
        XCTAssertGreaterThan(known, 1000, "words were taken from the cache, not only made")
    }
}
