import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// The means a designer expects of layouts (issue 15), each drawn by a small layout of its own against the
/// G7 example's data and compared with a reference image (`Fixtures/visual/means.*.png`, re-recorded with
/// RECORD_SNAPSHOTS=1; the manual's gallery shows these same files).
final class DesignMeansTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// The example's meeting with a layout `means` whose body is `body` (YAML, indented by two), on a small
    /// page; its pages laid out.
    static func laidOut(_ body: String, page: String = "", styles: String = "") throws -> PagedDocument {
        let path = try Fixture.exampleVariant("documents: [", with: "documents: [means, ")
        let layouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let layout = """
            description: one means of a designer
            page: {size: 120mm x 90mm, margins: {top: 6mm, right: 8mm, bottom: 6mm, left: 8mm}, footer-gap: 2mm\(page)}
            styles:
              body: {font: $fonts.text, size: 8pt, leading: 10.5pt, color: $colors.text, space-after: 3pt}
              title: {font: $fonts.heading, size: 10pt, leading: 12pt, color: $colors.accent, space-after: 3pt}
              table-header: {font: $fonts.table, size: 7pt, leading: 9pt, weight: bold, color: $colors.accent}
              table-cell: {font: $fonts.table, size: 7pt, leading: 9pt, color: $colors.text}
            \(styles)
            body:
            \(body)
            """
        try layout.write(to: layouts.appendingPathComponent("means.yaml"), atomically: true, encoding: .utf8)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["means"])).documents
        return try Paginator(shaper: PangoShaper(fonts: try pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
    }

    func assertMeans(_ name: String, _ body: String, styles: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let paged = try Self.laidOut(body, styles: styles)
        XCTAssertEqual(paged.pages.count, 1, file: file, line: line)
        try VisualTests.assertImage(try PNGRenderer.render(paged, page: 0, dpi: 50), "means.\(name).png", file: file, line: line)
    }

    func testABoxWithAFillBehindItsBlocks() throws {
        try assertMeans("box-fill", """
              - box:
                  fill: $colors.fill
                  padding: 3mm
                  blocks:
                    - paragraph: {style: title, text: "Contacts presse"}
                    - paragraph: "Cabinet de Cédric O — 01 53 18 43 10 — presse@numerique.gouv.fr"
              - paragraph: "Le texte reprend sous la boîte, à la largeur de la colonne, sans rien perdre de son alignement."
            """)
    }

    func testABoxWithABorderAroundItsBlocks() throws {
        try assertMeans("box-border", """
              - box:
                  border: $colors.accent
                  thickness: 1pt
                  padding: 2.5mm
                  blocks:
                    - paragraph: "Accréditation obligatoire avant le 13 mai à 18 h : les demandes arrivées après ne pourront pas être satisfaites."
            """)
    }

    func testARuleAlongAGroupOfParagraphs() throws {
        try assertMeans("rule-left", """
              - box:
                  rule-left: $colors.highlight
                  thickness: 2pt
                  blocks:
                    - paragraph: "Premier paragraphe du groupe, marqué par un filet sur toute sa hauteur."
                    - paragraph: "Second paragraphe : le filet le longe aussi, d'un seul trait."
            """)
    }

    func testLinksInTheirOwnColourWithoutUnderline() throws {
        try assertMeans("link-color", """
              - paragraph: {style: links, text: "Le dossier de presse est en ligne sur [numerique.gouv.fr](https://www.numerique.gouv.fr/presse) ; écrivez à [presse@numerique.gouv.fr](mailto:presse@numerique.gouv.fr)."}
              - paragraph: {style: underlined, text: "Ici le lien est souligné, de sa couleur : [le communiqué](https://www.numerique.gouv.fr/communique)."}
            """, styles: """
              links: {based-on: body, link-color: $colors.highlight, link-underline: false}
              underlined: {based-on: body, link-color: $colors.accent}
            """)
    }

    /// A link ending inside a shaped word ("site" of "site,") colours only its own letters: the run is cut
    /// at the link's edge, the two parts holding the letters and the text they had, end to end.
    func testALinkColoursOnlyItsOwnLetters() throws {
        let paged = try Self.laidOut("""
              - paragraph: {style: links, text: "Voir [le site](https://www.numerique.gouv.fr), puis l'autre."}
            """, styles: "  links: {based-on: body, link-color: $colors.highlight}")
        guard case .line(let line, _, _)? = paged.pages[0].items.first(where: { if case .line(_, _, let t) = $0 { return !t.running }; return false }) else {
            return XCTFail("no line")
        }
        let link = try XCTUnwrap(line.links.first)
        let edge = link.x + link.width
        let run = try XCTUnwrap(line.runs.first { $0.x < edge - .pt(0.01) && $0.x + $0.advance > edge + .pt(0.01) }, "a run holds the link's end and the comma")
        let (a, b) = try XCTUnwrap(run.split(at: edge))
        XCTAssertEqual(a.text + b.text, run.text)
        XCTAssertTrue(a.text.hasSuffix("site") && b.text.hasPrefix(","), "\(a.text) | \(b.text)")
        XCTAssertEqual((b.x - (a.x + a.advance)).pt, 0, accuracy: 0.01, "the parts meet where the run was cut")
        XCTAssertEqual(a.glyphs.count + b.glyphs.count, run.glyphs.count)
    }

    func testShadedTableRows() throws {
        try assertMeans("stripe", """
              - table:
                  each: programme
                  as: p
                  stripe-fill: $colors.stripe
                  header-fill: $colors.fill
                  columns:
                    - {header: Horaire, text: "{p.time | time}", width: 18%}
                    - {header: Séquence, text: "{p.title}", width: 82%}
            """)
    }

    func testColumnsWithAGutterMirrored() throws {
        try assertMeans("columns-gutter", """
              - columns:
                  gutter: 12mm
                  mirrored: true
                  items:
                    - width: 40%
                      blocks: [{paragraph: {style: title, text: "Lue d'abord, à droite"}}, {paragraph: "La première colonne se tient à droite ; elle reste la première lue."}]
                    - width: 60%
                      blocks: [{paragraph: "La seconde colonne, à gauche, est séparée de la première par une gouttière de douze millimètres."}]
            """)
        // Mirrored, the first column's text stands right of the second's.
        let paged = try Self.laidOut("""
              - columns:
                  gutter: 12mm
                  mirrored: true
                  items:
                    - {width: 40%, blocks: [{paragraph: "droite"}]}
                    - {width: 60%, blocks: [{paragraph: "gauche"}]}
            """)
        let lines = paged.pages[0].items.compactMap { item -> (String, Length)? in
            guard case .line(let line, let origin, let tag) = item, !tag.running else { return nil }
            return (line.runs.map(\.text).joined(), origin.x)
        }
        let right = try XCTUnwrap(lines.first { $0.0.contains("droite") }), left = try XCTUnwrap(lines.first { $0.0.contains("gauche") })
        XCTAssertGreaterThan(right.1.mm, left.1.mm + 60, "the first column on the right, past the second and the gutter")
    }

    func testAFlexibleSpacePushesWhatFollowsToThePagesFoot() throws {
        let body = """
              - paragraph: {style: title, text: "Dossier de presse"}
              - spacer: fill
              - paragraph: "Paris, le 15 mai 2019 — au pied de la page, quel que soit ce qui précède."
            """
        try assertMeans("fill", body)
        let paged = try Self.laidOut(body)
        let area = paged.template.textArea
        let bottom = try XCTUnwrap(paged.pages[0].items.compactMap { item -> Length? in
            guard case .line(let line, let origin, let tag) = item, !tag.running else { return nil }
            return origin.y + line.descent
        }.max())
        XCTAssertLessThan((area.maxY - bottom).pt, 10.5, "the last line stands within a line of the text area's foot")
    }

    func testDotLeadersInTheContents() throws {
        let body = """
              - contents: {style: contents, leaders: true}
              - each: {in: themes, as: t, blocks: [{heading: {style: title, text: "{t.title}"}}]}
            """
        let styles = "  contents: {based-on: body, space-after: 2pt}"
        let paged = try Self.laidOut(body, styles: styles)
        try VisualTests.assertImage(try PNGRenderer.render(paged, page: 0, dpi: 50), "means.leaders.png")
        // Dots stand on a grid from the column's edge, the same columns for every entry, and stop before the number.
        let dots = paged.pages[0].items.compactMap { item -> Rect? in
            guard case .rule(let r, _, _) = item, r.size.width.pt < 2 else { return nil }
            return r
        }
        XCTAssertGreaterThan(dots.count, 20)
        let step = 8 * 0.5
        for d in dots {
            let offset = (d.minX - paged.template.textArea.minX).pt / step
            XCTAssertEqual(offset, offset.rounded(), accuracy: 0.01, "a dot off the grid at \(d.minX.pt)")
        }
    }

    func testTrackingSpacesTheLettersOfALabel() throws {
        let body = """
              - paragraph: {style: kicker, text: "Communiqué de presse"}
              - paragraph: {style: plain-kicker, text: "Communiqué de presse"}
            """
        let styles = """
              kicker: {font: $fonts.label, size: 9pt, leading: 12pt, transform: uppercase, color: $colors.accent, tracking: 0.2em}
              plain-kicker: {based-on: kicker, tracking: 0em}
            """
        let paged = try Self.laidOut(body, styles: styles)
        try VisualTests.assertImage(try PNGRenderer.render(paged, page: 0, dpi: 50), "means.tracking.png")
        let widths = paged.pages[0].items.compactMap { item -> Double? in
            guard case .line(let line, _, let tag) = item, !tag.running else { return nil }
            return line.width.pt
        }
        XCTAssertEqual(widths.count, 2)
        // Spaced letters copy as words, not "C O M M U N I Q U É": each word carries its text whole.
        let pdf = Fixture.temporaryFolder().appendingPathComponent("tracking.pdf")
        try PDFRenderer.render(paged, created: PDFTests.epoch).write(to: pdf)
        let text = try Fixture.run(Fixture.which("pdftotext"), [pdf.path, "-"]).out
        XCTAssertEqual(text.components(separatedBy: "COMMUNIQUÉ DE PRESSE").count - 1, 2, text)
        // Every letter and space but the last letter is followed by 0.2 × 9 pt more: 19 of 20.
        XCTAssertEqual(widths[0] - widths[1], 19 * 0.2 * 9, accuracy: 0.5)
    }

    /// Spaced capitals copy as words: with URW Gothic (an installed family, Debian's fonts-urw-base35)
    /// tracked 0.18em, pdftotext read "F I C H E P AY S" before each word was given its text whole.
    func testSpacedCapitalsCopyAsWords() throws {
        let path = try Fixture.exampleVariant("documents: [", with: "documents: [fiche, ")
        let layouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        try """
            description: spaced capitals
            page: {size: A5, margins: {top: 10mm, right: 10mm, bottom: 10mm, left: 10mm}}
            styles:
              body: {font: URW Gothic, size: 10pt, leading: 14pt}
              kicker: {font: URW Gothic, size: 11pt, leading: 14pt, weight: semibold, transform: uppercase, tracking: 0.18em}
            body:
              - paragraph: {style: kicker, text: "Fiche pays"}
              - paragraph: {style: kicker, text: "Population et capitale"}
              - paragraph: {style: kicker, text: "Eckdaten"}
            """.write(to: layouts.appendingPathComponent("fiche.yaml"), atomically: true, encoding: .utf8)
        let out = Fixture.temporaryFolder()
        let built = try Fixture.presskit(["build", path, "--layout", "fiche", "--lang", "fr", "--out", out.path])
        XCTAssertEqual(built.status, 0, built.err)
        let pdf = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/fiche.fr.pdf")
        let lines = try Fixture.run(Fixture.which("pdftotext"), [pdf.path, "-"]).out.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), ["FICHE PAYS", "POPULATION ET CAPITALE", "ECKDATEN"])
    }

    /// A document longer than its layout's `max-pages` is refused by check and build, at the layout's line,
    /// saying how much text stands beyond the limit.
    func testADocumentLongerThanItsMaximumIsAnErrorSayingHowMuchIsOver() throws {
        let path = try Fixture.exampleVariant("documents: [", with: "documents: [means, ")
        let layouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let file = layouts.appendingPathComponent("means.yaml")
        try """
            description: a one-page document
            page: {size: 100mm x 80mm, margins: {top: 10mm, right: 10mm, bottom: 10mm, left: 10mm}, max-pages: 1}
            styles:
              body: {font: $fonts.text, size: 9pt, leading: 12pt}
            body:
              - each: {in: themes, as: t, blocks: [{each: {in: t.body, as: b, blocks: [{paragraph: "{b}"}]}}]}
            """.write(to: file, atomically: true, encoding: .utf8)
        let message = try Fixture.refused(path, ["--layout", "means", "--lang", "fr"])
        XCTAssertTrue(message.contains("means.yaml:2:"), message)
        let found = try XCTUnwrap(message.range(of: #"means\.fr runs to (\d+) pages, 1 allowed: (\d+) mm of text"#, options: .regularExpression), message)
        let numbers = message[found].split { !$0.isNumber }.compactMap { Int($0) }
        XCTAssertGreaterThan(numbers[0], 1)
        XCTAssertGreaterThan(numbers.last!, 20, "the themes' text is far more than one small page")
        // Side by side, the two languages share the page: the limit holds for the pair.
        let both = try Fixture.refused(path, ["--layout", "means", "--bilingual", "side-by-side"])
        XCTAssertTrue(both.contains("means.fr-en runs to") && both.contains("pages, 1 allowed"), both)
    }
}
