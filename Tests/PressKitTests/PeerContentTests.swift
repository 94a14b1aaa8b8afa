import Foundation
import XCTest
@testable import PressKit

/// `Examples/g7-numerique-2019-dossier-complet` expresses the peers' press kit (Fixtures/peers) with the
/// meeting format's sections: it must print the same words as Typst prints from the peers' files, within
/// 2 %, on as many pages (14 in French, 12 in English, ± 1).
final class PeerContentTests: XCTestCase {
    static let meeting = Fixture.repository.appendingPathComponent("Examples/g7-numerique-2019-dossier-complet/meeting.yaml")
    /// The Python that has Typst 0.15.2 (installed by `.ci/run`), or the one `PRESSKIT_TYPST_PYTHON` names.
    static let python = ProcessInfo.processInfo.environment["PRESSKIT_TYPST_PYTHON"]
        ?? Fixture.repository.appendingPathComponent(".build/typst-venv/bin/python").path
    static let install = "python3 -m venv .build/typst-venv && .build/typst-venv/bin/pip install typst==0.15.2"

    func testPressKitHasThePeersWordsOnAsManyPages() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python),
              (try? Fixture.run(Self.python, ["-c", "import typst"]).status) == 0 else {
            XCTFail("Typst 0.15.2 for Python is not installed at \(Self.python): run `\(Self.install)` in the repository (.ci/run does)")
            return
        }
        let out = Fixture.temporaryFolder()
        for (language, pages) in [("fr", 14), ("en", 12)] {
            let built = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: Self.meeting.path, languages: [language],
                                                                             layouts: ["press-kit"], outputFolder: out))
            let ours = try XCTUnwrap(built.first).file
            let theirs = out.appendingPathComponent("typst.\(language).pdf")
            let compile = try Fixture.run(Self.python, ["-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], sys_inputs={'lang': sys.argv[4]})",
                                                        Fixture.path("peers/typst/presskit.typ"), theirs.path, Fixture.path("peers"), language])
            XCTAssertEqual(compile.status, 0, compile.err)
            let a = try Self.words(in: ours), b = try Self.words(in: theirs)
            let gap = Double(abs(a.count - b.count)) / Double(b.count)
            XCTAssertGreaterThan(b.count, 1500, "\(language): Typst's text layer was read")
            XCTAssertLessThanOrEqual(gap, 0.02, "\(language): presskit prints \(a.count) words, Typst \(b.count); "
                                     + "only in presskit: \(Self.difference(a, b).prefix(30)); only in Typst: \(Self.difference(b, a).prefix(30))")
            print("peers, \(language): presskit \(a.count) words on \(try Self.pageCount(ours)) pages, Typst \(b.count) words on \(try Self.pageCount(theirs)) pages")
            XCTAssertEqual(try Self.pageCount(theirs), pages, "\(language): the peers' page count")
            XCTAssertLessThanOrEqual(abs(try Self.pageCount(ours) - pages), 1, "\(language): presskit's pages against Typst's \(pages)")
        }
    }

    func testWordCountLeavesOutRunningLinesAndJoinsHyphenatedLineEnds() {
        let pages = ["Titre\nUne ligne coupée en fin de ligne par un trait d'uni-\non, et Nouvelle-\nZélande.\npage 1 / 3",
                     "Titre\nAutre texte.\npage 2 / 3", "Titre\nEncore.\n3 / 3"]
        XCTAssertEqual(Self.words(pages: pages), ["Une", "ligne", "coupée", "en", "fin", "de", "ligne", "par", "un", "trait", "d'union,",
                                                  "et", "Nouvelle-Zélande.", "Autre", "texte.", "Encore."])
    }

    /// The words of a PDF's text layer, as `words(pages:)` counts them.
    static func words(in pdf: URL) throws -> [String] {
        let text = try Fixture.run(Fixture.which("pdftotext"), [pdf.path, "-"]).out
        return words(pages: text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
    }

    /// The words of pages of text: lines printed on more than half the pages (running headers and footers)
    /// and page numbers left out, a word hyphenated at a line end joined; a word holds a letter or a digit.
    static func words(pages: [String]) -> [String] {
        let pageLines = pages.map { page in
            page.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        // A running line differs from page to page only by its numbers.
        func shape(_ line: String) -> String { String(line.filter { !$0.isNumber }) }
        var seen: [String: Int] = [:]
        for lines in pageLines { for s in Set(lines.map(shape)) { seen[s, default: 0] += 1 } }
        let running = Set(seen.filter { pages.count > 1 && Double($0.value) > Double(pages.count) / 2 }.keys)
        func isPageNumber(_ line: String) -> Bool {
            line.split(separator: " ").allSatisfy { $0.allSatisfy(\.isNumber) || $0 == "/" || $0.lowercased() == "page" }
        }
        var text = ""
        for line in pageLines.joined() where !running.contains(shape(line)) && !isPageNumber(line) {
            if text.hasSuffix("-"), text.dropLast().last?.isLetter == true, let first = line.first, first.isLetter {
                if first.isLowercase { text.removeLast() }
                text += line
            } else {
                text += (text.isEmpty ? "" : " ") + line
            }
        }
        return text.split(separator: " ").map(String.init).filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// The words of `a` that `b` does not have as often, for the failure message.
    static func difference(_ a: [String], _ b: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for w in b { counts[w, default: 0] += 1 }
        var out: [String] = []
        for w in a { if counts[w, default: 0] > 0 { counts[w]! -= 1 } else { out.append(w) } }
        return out
    }

    static func pageCount(_ pdf: URL) throws -> Int {
        let info = try Fixture.run(Fixture.which("pdfinfo"), [pdf.path]).out
        return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
    }
}
