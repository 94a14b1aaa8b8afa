import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument

/// Counts come from the data (issue 13, item 7): numbers in words per language, plurals per language, and
/// the built-in press kit's "Trois thèmes" follows the number of themes.
final class NumberWordsTests: XCTestCase {
    func testNumbersInWordsInTheFourLanguages() {
        let cases: [(Int, String, NumberWords.Gender, String)] = [
            (3, "fr", .masculine, "trois"), (1, "fr", .feminine, "une"), (17, "fr", .masculine, "dix-sept"),
            (21, "fr", .masculine, "vingt et un"), (71, "fr", .masculine, "soixante et onze"), (72, "fr", .masculine, "soixante-douze"),
            (80, "fr", .masculine, "quatre-vingts"), (81, "fr", .masculine, "quatre-vingt-un"), (91, "fr", .masculine, "quatre-vingt-onze"),
            (99, "fr", .masculine, "quatre-vingt-dix-neuf"), (100, "fr", .masculine, "cent"), (200, "fr", .masculine, "deux cents"),
            (240, "fr", .masculine, "deux cent quarante"),
            (3, "en", .masculine, "three"), (42, "en", .masculine, "forty-two"), (105, "en", .masculine, "one hundred and five"),
            (3, "de", .masculine, "drei"), (1, "de", .neuter, "ein"), (1, "de", .feminine, "eine"), (21, "de", .masculine, "einundzwanzig"),
            (101, "de", .masculine, "einhunderteins"), (30, "de", .masculine, "dreißig"),
            (3, "it", .masculine, "tre"), (1, "it", .feminine, "una"), (21, "it", .masculine, "ventuno"), (23, "it", .masculine, "ventitré"),
            (28, "it", .masculine, "ventotto"), (108, "it", .masculine, "centotto"), (180, "it", .masculine, "centottanta"),
            (1500, "fr", .masculine, "1500"), (4, "ja", .masculine, "4"),
        ]
        for (n, language, gender, expected) in cases {
            XCTAssertEqual(NumberWords.words(n, language: language, gender: gender), expected, "\(n) in \(language)")
        }
        XCTAssertTrue(NumberWords.isSingular(0, language: "fr"))
        XCTAssertFalse(NumberWords.isSingular(0, language: "en"))
        XCTAssertFalse(NumberWords.isSingular(2, language: "de"))
    }

    func testThePressKitCountsItsThemes() throws {
        let pipeline = Pipeline(home: Fixture.home)
        func heading(_ path: String, _ language: String) throws -> String? {
            let document = try XCTUnwrap(try pipeline.documents(for: BuildRequest(meetingPath: path, languages: [language], layouts: ["press-kit"])).documents.first).document
            return document.outline.map(\.title).first { $0.contains("à l’ordre du jour") || $0.contains("on the agenda") || $0.contains("Tagesordnung") || $0.contains("ordine del giorno") }
        }
        XCTAssertEqual(try heading(Fixture.example.path, "fr"), "Trois thèmes à l’ordre du jour")
        XCTAssertEqual(try heading(Fixture.example.path, "en"), "Three themes on the agenda")
        // With one theme fewer, the words follow.
        let text = try String(contentsOf: Fixture.example, encoding: .utf8)
        let first = try XCTUnwrap(text.range(of: "  - title:", range: try XCTUnwrap(text.range(of: "\nthemes:")).upperBound..<text.endIndex))
        let second = try XCTUnwrap(text.range(of: "  - title:", range: first.upperBound..<text.endIndex))
        let folder = Fixture.exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml")
        try (String(text[..<first.lowerBound]) + String(text[second.lowerBound...])).write(to: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try heading(path.path, "fr"), "Deux thèmes à l’ordre du jour")
        XCTAssertEqual(try heading(path.path, "en"), "Two themes on the agenda")
    }

    func testAFilterMisusedIsNamed() throws {
        let template = Template(labels: [:], language: "fr")
        let scope = Scope(data: Value(.map([("themes", Value(.list([]), at: .file("m.yaml"))), ("n", Value(.integer(2), at: .file("m.yaml")))]), at: .file("m.yaml")), language: "fr")
        XCTAssertEqual(try template.expand("{n | words | capital} {n | plural séance,séances}", in: scope), "Deux séances")
        XCTAssertThrowsError(try template.expand("{n | plural séance}", in: scope))
        XCTAssertThrowsError(try template.expand("{n | words x}", in: scope))
        XCTAssertThrowsError(try template.expand("{n | count}", in: scope))
    }
}
