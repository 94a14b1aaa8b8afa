import XCTest
@testable import PressKit

/// `build --to html` (issue 17): the web version of every communiqué, article and media advisory of the
/// examples parses as HTML5 without a single error (html5lib, strict), says its language on the page and
/// on every passage in another, gives every picture its alternative text, links with the language of
/// their target, keeps the PDF's typography, and loses no word of the PDF's text layer.
final class WebVersionTests: XCTestCase {
    /// The examples and the documents of theirs that have a web version.
    static let cases: [(example: String, layout: String, languages: [String])] = [
        ("g7-numerique-2019", "communique", ["fr", "en"]),
        ("conference-euromed-eau-2026", "communique", ["fr", "en"]),
        ("forum-italo-francese-2026", "article", ["it", "en"]),
        ("visite-bilaterale-fr-de-2026", "media-advisory", ["fr", "de", "en"]),
    ]

    static var python: String { Fixture.repository.appendingPathComponent(".build/typst-venv/bin/python").path }

    /// Parses with html5lib in strict mode: the parse errors, one a line (none for a valid page).
    static func parseErrors(_ file: URL) throws -> String {
        let script = """
            import sys, html5lib
            parser = html5lib.HTMLParser(strict=False)
            parser.parse(open(sys.argv[1], 'rb').read(), transport_encoding='utf-8')
            for pos, code, data in parser.errors: print(pos, code, data)
            """
        let run = try Fixture.run(python, ["-c", script, file.path])
        XCTAssertEqual(run.status, 0, run.err)
        return run.out
    }

    /// Letters and digits of a text, lowercased, in one stream; and its words (digits alone left out).
    static func stream(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().components(separatedBy: CharacterSet.alphanumerics.inverted).filter { !$0.isEmpty && !$0.allSatisfy(\.isNumber) }
    }

    /// The visible text of an HTML page (tags taken out, entities read).
    static func visibleText(_ html: String) -> String {
        var body = html
        if let start = body.range(of: "<body>") { body = String(body[start.upperBound...]) }
        let noTags = body.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        return noTags.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    func testEveryWebVersionIsValidAccessibleAndWhole() throws {
        for (example, layout, languages) in Self.cases {
            let meeting = Fixture.repository.appendingPathComponent("Examples/\(example)/meeting.yaml").path
            let out = Fixture.temporaryFolder()
            let web = try Fixture.presskit(["build", meeting, "--to", "html", "--layout", layout, "--out", out.path])
            XCTAssertEqual(web.status, 0, web.err)
            let pdfs = try Fixture.presskit(["build", meeting, "--layout", layout, "--out", out.path, "--force"])
            XCTAssertEqual(pdfs.status, 0, pdfs.err)
            let folder = out.appendingPathComponent(example)
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(layout).css").path))
            for language in languages {
                let name = "\(layout).\(language)"
                let file = folder.appendingPathComponent("\(name).html")
                let html = try String(contentsOf: file, encoding: .utf8)
                XCTAssertEqual(try Self.parseErrors(file), "", "\(name): HTML5 parse errors")
                XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"), "\(name): the page's language")
                XCTAssertFalse(html.contains("style="), "\(name): no inline style: the page reads without its stylesheet")
                XCTAssertTrue(html.contains("<h1"), "\(name): a title")
                // Every picture has its alternative text, and the file it names is there.
                let images = html.components(separatedBy: "<img ").dropFirst()
                if ["g7-numerique-2019", "forum-italo-francese-2026"].contains(example) { XCTAssertFalse(images.isEmpty, "\(name) shows its logos or photos") }
                for image in images {
                    let alt = try XCTUnwrap(image.range(of: "alt=\""), "\(name): an image without alt")
                    let text = image[alt.upperBound...].prefix { $0 != "\"" }
                    let src = try XCTUnwrap(image.range(of: "src=\"")).upperBound
                    let path = String(image[src...].prefix { $0 != "\"" })
                    XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(name): \(path) is published")
                    if image.contains(".jpg") || image.contains(".png") { XCTAssertFalse(text.isEmpty, "\(name): a photo has its alternative text") }
                }
                // No word of the PDF's text is missing from the page (its footer and page numbers aside).
                let pdf = folder.appendingPathComponent("\(name).pdf")
                let layer = try Fixture.run(Fixture.which("pdftotext"), ["-enc", "UTF-8", pdf.path, "-"]).out
                let page = Self.stream(Self.visibleText(html) + " " + html.components(separatedBy: "alt=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }.joined(separator: " "))
                let missing = Self.words(layer).filter { !page.contains($0) }
                XCTAssertEqual(missing, [], "\(name): words of the PDF missing from the web page")
                // The PDF's typography: French spaces before « : ; and », narrow or not, are kept as they are.
                if language == "fr" {
                    XCTAssertTrue(html.contains("\u{202F}:") || html.contains("\u{00A0}:"), "\(name): a no-break space before a colon")
                    XCTAssertFalse(html.contains(" :"), "\(name): no breaking space before a colon")
                }
            }
        }
    }

    /// Passages in another language are marked, and a link says the language of its target.
    func testLanguagesOfPassagesAndLinks() throws {
        let meeting = Fixture.repository.appendingPathComponent("Examples/forum-italo-francese-2026/meeting.yaml").path
        let out = Fixture.temporaryFolder()
        XCTAssertEqual(try Fixture.presskit(["build", meeting, "--to", "html", "--out", out.path]).status, 0)
        let html = try String(contentsOf: out.appendingPathComponent("forum-italo-francese-2026/article.it.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<span lang=\"fr\">«\u{202F}Entre Turin et Lyon"), "the French words of a translated quote, French spacing kept")
        XCTAssertTrue(html.contains("hreflang=\"fr\">discorso integrale della Ministra Roussel</a>"), "a link to a page in French")
        XCTAssertTrue(html.contains("<figcaption>La firma della dichiarazione d’intenti (illustrazione) — ©\u{00A0}Ambasciata\u{00A0}di\u{00A0}Francia\u{00A0}in\u{00A0}Italia</figcaption>"),
                      "a photo's caption and credit in its figure, the credit kept on one line as in the PDF")
    }

    /// A layout with no web version is refused by name; a meeting's others are left out with a warning.
    func testOnlyTheLayoutsWithAWebVersion() throws {
        let out = Fixture.temporaryFolder()
        let refused = try Fixture.presskit(["build", Fixture.example.path, "--to", "html", "--layout", "press-kit", "--out", out.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.err.contains("press-kit has no web version"), refused.err)
        let mixed = try Fixture.presskit(["build", Fixture.example.path, "--to", "html", "--out", out.path])
        XCTAssertEqual(mixed.status, 0, mixed.err)
        XCTAssertTrue(mixed.err.contains("warning: no web version of presidency-summary, press-kit: left out of --to html"), mixed.err)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("g7-numerique-2019").path)
        XCTAssertEqual(Set(files.filter { $0.hasSuffix(".html") }), ["communique.fr.html", "communique.en.html"])
    }
}
