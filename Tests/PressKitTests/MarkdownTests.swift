import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// Sections written in Markdown (cmark-gfm): every node printed or a located error, Pandoc's spans and
/// divs read from the parser's tree, passages in another language hyphenated by their own patterns.
final class MarkdownTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    func testBodyNodesOfEveryKind() {
        let text = """
        Premier paragraphe avec un [lien](https://www.elysee.fr).

        ## Un sous-titre

        - un point
          - un point dans le point
        - un autre point

        1. premier
        2. second

        > Une citation.

        ::: {.table widths="30 70"}
        | Pays | Chef de délégation |
        |---|---|
        | Chili | Ministre |
        :::

        ::: {.pullquote speaker=cedric-o}
        Une phrase mise en exergue.
        :::

        ::: note
        Une note.
        :::

        ![](reunion)

        ![](reunion){float=left width=35%}

        Un paragraphe qui coule autour de la photo.
        """
        let (nodes, problems) = MarkdownBody.parse(text)
        XCTAssertEqual(problems, [])
        let kinds = nodes.map { node -> String in
            switch node {
            case .paragraph: return "p"
            case .heading(let level, _, _): return "h\(level)"
            case .list(let ordered, _, let items): return (ordered ? "ol" : "ul") + "\(items.count)"
            case .quote: return "quote"
            case .table(let header, let rows, let widths, _): return "table\(header.count)x\(rows.count)\(widths.map { " \($0)" } ?? "")"
            case .division(let d, let inner): return "\(d.kind.rawValue)\(d.attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined())/\(inner.count)"
            case .figure(let id, _, let float): return "figure \(id)" + (float.map { " \($0.side.rawValue) \(Int($0.fraction * 100))%" } ?? "")
            }
        }
        XCTAssertEqual(kinds, ["p", "h2", "ul2", "ol2", "quote", "table2x1 [30.0, 70.0]", "pullquote speaker=cedric-o/1", "note/1", "figure reunion", "figure reunion left 35%", "p"])
        guard case .list(_, _, let items) = nodes[2] else { return XCTFail("a list") }
        guard case .list(_, _, let nested)? = items[0].last else { return XCTFail("a nested list in the first item") }
        XCTAssertEqual(nested.count, 1)
    }

    func testWhatIsNotPrintedIsAProblemOnItsLine() {
        let cases: [(String, String, Int)] = [
            ("Texte.\n\n# Titre", "a `#` heading", 3),
            ("Texte.\n\n```\ncode\n```", "a code block", 3),
            ("<div>texte</div>", "an HTML block", 1),
            ("Texte.\n\n---\n\nSuite.", "a horizontal rule", 3),
            ("::: encadre\nTexte.\n:::", "is not a kind of block", 1),
            ("::: note\nTexte sans fin.", "never closed", 1),
            ("::: {.note color=red}\nTexte.\n:::", "has no attribute `color`", 1),
            ("Texte.\n\n:::", "closes no div", 0),
            ("Un [mot]{lang=xx} inconnu.", "`xx` is not a language code", 1),
            ("Un [mot]{class=x} inconnu.", "is not an attribute presskit knows", 1),
            ("Une image ![](reunion) dans la phrase.", "an image inside a sentence", 1),
            ("![](reunion){float=center}", "floats `left` or `right`", 1),
            ("![](reunion){float=right width=90%}", "from 20% to 60%", 1),
            ("Texte.\n::: note\nNote.", "is inside a paragraph", 2),
            ("Texte.\n::: note\nNote.\n\n:::", "is inside a paragraph", 2),
        ]
        for (text, expected, line) in cases {
            let problems = MarkdownBody.parse(text).problems
            XCTAssertEqual(problems.count, 1, "\(text): \(problems)")
            XCTAssertTrue(problems.first?.message.contains(expected) ?? false, "\(text): \(problems)")
            if line > 0 { XCTAssertEqual(problems.first?.line, line, text) }
        }
    }

    func testSpansAndLinkLanguagesAreReadFromTheTree() {
        var problems: [InlineMarkdown.Unprinted] = []
        let runs = InlineMarkdown.runs("Le [*Digital* Markets Act]{lang=en} [sic] et [le discours](https://www.bundesregierung.de/rede){hreflang=de}.") { problems.append($0) }
        XCTAssertEqual(problems, [])
        XCTAssertEqual(runs.map(\.text).joined(), "Le Digital Markets Act [sic] et le discours.")
        XCTAssertEqual(runs.filter { $0.language == "en" }.map(\.text).joined(), "Digital Markets Act")
        XCTAssertTrue(runs.first { $0.text == "Digital" }?.italic ?? false)
        XCTAssertEqual(runs.first { $0.link != nil }?.linkLanguage, "de")
        XCTAssertNil(runs.first { $0.text.contains("[sic]") }?.language)
    }

    func testAPassageInAnotherLanguageIsHyphenatedWithItsOwnPatterns() throws {
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        let pool = HyphenatorPool()
        let fr = try XCTUnwrap(pool.hyphenator("fr")), en = try XCTUnwrap(pool.hyphenator("en"))
        // A word the two languages break differently.
        let word = try XCTUnwrap(["accountability", "responsibilities", "interoperability", "development", "information"]
            .first { fr.points(Substring($0)) != en.points(Substring($0)) })
        func points(language: String?) throws -> [Int] {
            var run = TextRun(word)
            run.language = language
            var style = ParagraphStyle()
            style.align = .justify
            let p = Paragraph(runs: [TextRun("Le mot "), run, TextRun(" suivi de texte.")], style: style, language: "fr")
            let setter = ParagraphSetter(paragraph: p, width: 400, shaper: shaper)
            _ = try setter.lines()
            let start = "Le mot ".utf8.count
            return zip(setter.breakItems, setter.places).compactMap { item, place in
                guard case .penalty(_, _, true) = item, place.start > start, place.start < start + word.utf8.count else { return nil }
                return place.start - start
            }
        }
        XCTAssertEqual(try points(language: "en"), en.points(Substring(word)).filter { $0 > 0 && $0 < word.count }, word)
        XCTAssertEqual(try points(language: nil), fr.points(Substring(word)).filter { $0 > 0 && $0 < word.count }, word)
    }

    /// A meeting with sections, people and photos, and a body that says `extra`.
    static func meeting(body extra: String = "", hosts: String = "[cedric-o, anna]") -> String {
        """
        languages: [fr]
        documents: [press-kit, presidency-summary]
        issuers: [{name: Ministère de l'Europe et des Affaires étrangères}]
        release: {place: Paris, date: 2024-05-06}
        people:
          - {id: cedric-o, name: Cédric O, role: secrétaire d'État chargé du Numérique}
          - {id: anna, name: Anna Lührmann, role: ministre déléguée allemande chargée de l'Europe}
        meeting:
          title: Visite bilatérale
          date: 2024-05-06
          place: Paris
          hosts: \(hosts)
        lead: Les deux ministres se sont rencontrés.
        contacts: [{office: Service de presse, email: presse@diplomatie.gouv.fr}]
        summary:
          title: Déclaration conjointe
          sections: [{title: Europe, paragraphs: [Les ministres ont parlé de l'Europe.]}]
        photos:
          - {id: poignee, file: photos/reunion.jpg, alt: Les deux ministres, caption: Les deux ministres, credit: Jean Dupont}
        sections:
          - id: programme
            title: Programme
            body: |
              La visite commence à 9 h 30.

              ::: {.pullquote speaker=anna}
              Ensemble pour l'Europe.
              :::

              ![](poignee)

              \(extra.replacingOccurrences(of: "\n", with: "\n      "))
        """
    }

    func testASectionPrintsItsBlocksAndHostsSignTogether() throws {
        let folder = Fixture.exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml")
        try Self.meeting().write(to: path, atomically: true, encoding: .utf8)
        let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: path.path, layouts: ["press-kit", "presidency-summary"])).documents
        let kit = try XCTUnwrap(docs.first { $0.layout == "press-kit" }).document.dump()
        XCTAssertTrue(kit.contains("Programme"), kit)
        XCTAssertTrue(kit.contains("P Inter 12.0pt italic left: «⍽Ensemble pour l’Europe.⍽»"), kit)
        XCTAssertTrue(kit.contains("— Anna·Lührmann, ministre déléguée allemande chargée de l’Europe"), kit)
        XCTAssertTrue(kit.contains("    image jpeg photos/reunion.jpg 1200x750px height=80.0mm alt=\"Les deux ministres\"\n    Caption Inter 8.2pt italic left: Les deux ministres — ©·Jean·Dupont"), kit)
        let summary = try XCTUnwrap(docs.first { $0.layout == "presidency-summary" }).document.dump()
        XCTAssertTrue(summary.contains("**Cédric·O**") && summary.contains("**Anna·Lührmann**"), summary)
    }

    func testUnknownReferencesAreErrorsAtTheirLine() throws {
        let cases: [(String, String, String, String)] = [
            (Self.meeting(hosts: "[cedric-o, ana]"), "hosts: [cedric-o, ana]", "meeting.hosts[1]", "no entry `ana` in `people`"),
            // A problem inside a section's text is named at its own line of the meeting file.
            (Self.meeting(body: "::: {.pullquote speaker=jean}\nTexte.\n:::"), "speaker=jean", "sections[0].body", "no person `jean` in `people`"),
            (Self.meeting(body: "![](poignée)"), "![](poignée)", "sections[0].body", "no photo `poignée` in `photos`"),
            (Self.meeting(body: "::: {.table widths=\"10 20 70\"}\n| a | b |\n|---|---|\n| 1 | 2 |\n:::"), "widths=", "sections[0].body", "has 2 columns, and its `widths` give 3"),
            (Self.meeting(body: "::: {.table widths=\"50 30 40\"}\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n:::"), "widths=", "sections[0].body", "add up to 120 %, not 100 %"),
        ]
        for (text, line, field, message) in cases {
            let folder = Fixture.exampleFolderCopy()
            let path = folder.appendingPathComponent("meeting.yaml")
            try text.write(to: path, atomically: true, encoding: .utf8)
            let found = Fixture.diagnostics { _ = try Self.pipeline.documents(for: BuildRequest(meetingPath: path.path, layouts: ["press-kit"])) }
            let d = try XCTUnwrap(found.first { $0.message.contains(message) }, "\(message) in \(found.map(\.message))")
            XCTAssertEqual(d.path, field)
            XCTAssertEqual(d.mark.line, try Fixture.line(of: line, in: path.path), message)
            XCTAssertEqual(d.mark.file, path.path)
        }
    }

    func testADuplicateIdIsAnErrorAtTheSecond() throws {
        let text = Self.meeting().replacingOccurrences(of: "  - {id: anna,", with: "  - {id: cedric-o,")
        let path = Fixture.write(text)
        let found = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(found.map(\.path), ["people[1].id"])
        XCTAssertTrue(found[0].message.contains("already taken"))
    }

    func testAQuoteOrAContactNamesItsPersonById() throws {
        let quote = "\nquotes:\n  - {person: anna, text: Ensemble.}\n  - {person: cedric-o, role: ministre, text: Oui.}\ncontacts: [{office: Presse, person: anna, email: presse@diplomatie.gouv.fr}]\n"
        let base = Self.meeting().replacingOccurrences(of: "contacts: [{office: Service de presse, email: presse@diplomatie.gouv.fr}]\n", with: "")
        let meeting = try Meeting.load(Fixture.write(base + quote))
        XCTAssertEqual(meeting.data["quotes"]?.elements[0]["speaker"]?.text, "Anna Lührmann")
        XCTAssertEqual(meeting.data["quotes"]?.elements[0]["role"]?.text, "ministre déléguée allemande chargée de l'Europe")
        XCTAssertEqual(meeting.data["quotes"]?.elements[1]["role"]?.text, "ministre", "a role given in place wins")
        XCTAssertEqual(meeting.data["contacts"]?.elements[0]["name"]?.text, "Anna Lührmann")

        let unknown = Fixture.write(base + quote.replacingOccurrences(of: "{person: anna, text", with: "{person: ana, text"))
        var found = Fixture.diagnostics { _ = try Meeting.load(unknown) }
        XCTAssertEqual(found.map(\.path), ["quotes[0].person"])
        XCTAssertEqual(found.first?.hint, "did you mean `anna`?")
        XCTAssertEqual(found.first?.mark.line, try Fixture.line(of: "{person: ana,", in: unknown))

        let nobody = Fixture.write(base + quote.replacingOccurrences(of: "{person: anna, text", with: "{text"))
        found = Fixture.diagnostics { _ = try Meeting.load(nobody) }
        XCTAssertEqual(found.map(\.path), ["quotes[0]"])
        XCTAssertTrue(found.first?.message.contains("who said it is not given") ?? false)
    }

    func testAProblemInOneLanguagesTextIsNamedAtThatLanguagesLine() throws {
        let base = Self.meeting().replacingOccurrences(of: "languages: [fr]", with: "languages: [fr, en]")
        let text = String(base[..<base.range(of: "\nsections:")!.lowerBound]) + """

        sections:
          - id: programme
            title: Programme
            body:
              fr: |
                La visite commence à 9 h 30.
              en: |
                The visit begins at 9:30.

                <div>In HTML.</div>

        """
        let folder = Fixture.exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let found = Fixture.diagnostics { _ = try Self.pipeline.documents(for: BuildRequest(meetingPath: path, layouts: ["press-kit"])) }
        let d = try XCTUnwrap(found.first { $0.message.contains("an HTML block") }, "\(found.map(\.message))")
        XCTAssertEqual(d.mark.line, try Fixture.line(of: "<div>In HTML.</div>", in: path), "at the English text's own line")
    }

    func testTextFlowsAroundAFloatingPhotoAndBackToTheFullWidthBelowIt() throws {
        let long = Array(repeating: "Les ministres ont examiné les conditions d'une coopération renforcée entre leurs administrations.", count: 9).joined(separator: " ")
        for side in ["right", "left"] {
            let folder = Fixture.exampleFolderCopy()
            let path = folder.appendingPathComponent("meeting.yaml")
            try Self.meeting(body: "![](poignee){float=\(side) width=40%}\n\n\(long)").write(to: path, atomically: true, encoding: .utf8)
            let docs = try Self.pipeline.documents(for: BuildRequest(meetingPath: path.path, layouts: ["press-kit"])).documents
            let paged = try Paginator(shaper: PangoShaper(fonts: try Self.pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
            let page = try XCTUnwrap(paged.pages.first { $0.items.contains { if case .line(let l, _, _) = $0 { return l.text.contains("coopération renforcée") }; return false } })
            let photo = try XCTUnwrap(page.items.compactMap { item -> Rect? in
                if case .image(let i, let r) = item, i.description == "photos/reunion.jpg", r.size.width.pt < 300 { return r }; return nil
            }.first, "the floating photo is on the page of its text")
            let lines = page.items.compactMap { item -> (x0: Double, x1: Double, y: Double)? in
                guard case .line(let l, let o, _) = item, l.text.contains("ministres") || l.text.contains("coopération") || l.text.contains("administrations") else { return nil }
                return (o.x.pt, (o.x + l.width).pt, o.y.pt)
            }
            let beside = lines.filter { $0.y > photo.minY.pt && $0.y < photo.maxY.pt }, below = lines.filter { $0.y > photo.maxY.pt + 20 }
            XCTAssertGreaterThan(beside.count, 3, side)
            XCTAssertGreaterThan(below.count, 1, "\(side): the text comes back to the full width below the photo")
            for l in beside {
                XCTAssertTrue(side == "right" ? l.x1 <= photo.minX.pt + 0.5 : l.x0 >= photo.maxX.pt - 0.5, "\(side): a line beside the photo stays clear of it: \(l) photo \(photo)")
            }
            let full = try XCTUnwrap(below.map { $0.x1 - $0.x0 }.max()), narrow = try XCTUnwrap(beside.map { $0.x1 - $0.x0 }.max())
            XCTAssertGreaterThan(full, narrow + photo.size.width.pt * 0.8, side)
        }
    }

    func testALayoutPicksASectionByItsId() throws {
        let path = Fixture.write(Self.meeting())
        let meeting = try LocalizedMeeting(try Meeting.load(path), language: "fr")
        let scope = Scope(data: meeting.data, language: "fr")
        XCTAssertEqual(scope.lookup("sections.programme.title")?.text, "Programme")
        XCTAssertEqual(scope.lookup("people.anna.name")?.text, "Anna Lührmann")
        XCTAssertNil(scope.lookup("sections.programm.title"), "an id no item has is no item")
        XCTAssertEqual(try Template(labels: [:], language: "fr").expand("{sections.programme.title}", in: scope), "Programme")
    }

    func testADelegationNamesItsCountryAndItsHeadById() throws {
        let extra = """

        organisations:
          - {id: de, name: {fr: Allemagne, en: Germany}}
        delegations:
          - {organisation: de, person: anna}
          - {name: Italie, head: Ministre des Affaires étrangères}

        """
        let base = Self.meeting().replacingOccurrences(of: "languages: [fr]", with: "languages: [fr, en]")
        let meeting = try Meeting.load(Fixture.write(base + extra))
        let fr = try LocalizedMeeting(meeting, language: "fr").data["delegations"]?.elements ?? []
        XCTAssertEqual(fr.first?["name"]?.text, "Allemagne")
        XCTAssertEqual(fr.first?["head"]?.text, "Anna Lührmann, ministre déléguée allemande chargée de l'Europe")
        XCTAssertEqual(try LocalizedMeeting(meeting, language: "en").data["delegations"]?.elements.first?["name"]?.text, "Germany")
        XCTAssertEqual(fr.last?["head"]?.text, "Ministre des Affaires étrangères")

        let unknown = Fixture.write(base + extra.replacingOccurrences(of: "{organisation: de,", with: "{organisation: dee,"))
        var found = Fixture.diagnostics { _ = try Meeting.load(unknown) }
        XCTAssertEqual(found.map(\.path), ["delegations[0].organisation"])
        XCTAssertEqual(found.first?.mark.line, try Fixture.line(of: "{organisation: dee,", in: unknown))
        let headless = Fixture.write(base + extra.replacingOccurrences(of: ", head: Ministre des Affaires étrangères}", with: "}"))
        found = Fixture.diagnostics { _ = try Meeting.load(headless) }
        XCTAssertEqual(found.map(\.path), ["delegations[1]"])
        XCTAssertTrue(found.first?.message.contains("no head of delegation") ?? false)
    }
}
