import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Model layer: decoding the meeting file and every bad-input case with its message and location.
final class ModelTests: XCTestCase {
    func testExampleLoadsWithItsFacts() throws {
        let meeting = try Meeting.load(Fixture.example.path)
        XCTAssertEqual(meeting.languages, ["fr", "en"])
        XCTAssertEqual(meeting.documents, ["communique", "press-kit", "presidency-summary"])
        XCTAssertEqual(meeting.name, "g7-numerique-2019")
        guard case .day(let d)? = meeting.data["release"]?["date"]?.kind else { return XCTFail("release.date is not a day") }
        XCTAssertEqual(d, Day(year: 2019, month: 5, day: 15))
        guard case .integer(22)? = meeting.data["release"]?["number"]?.kind else { return XCTFail("release.number is not 22") }
        XCTAssertEqual(meeting.data["issuers"]?.elements.count, 2)
        XCTAssertEqual(meeting.data["themes"]?.elements.count, 3)
    }

    func testMalformedYAMLGivesLineAndColumn() {
        let path = Fixture.write("languages: [fr\nissuers:\n  - name: x\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(d.count, 1)
        XCTAssertTrue(d.first?.message.hasPrefix("malformed YAML") ?? false, "\(d)")
        XCTAssertEqual(d.first?.mark.file, path)
        XCTAssertGreaterThanOrEqual(d.first?.mark.line ?? 0, 2)
    }

    func testEveryMissingRequiredFieldIsReportedInOneRun() {
        let path = Fixture.write("languages: [fr]\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        let paths = Set(d.map(\.path))
        XCTAssertEqual(paths, ["issuers", "release", "meeting", "lead", "contacts"])
        XCTAssertTrue(d.allSatisfy { $0.message.hasPrefix("missing required field") })
        XCTAssertTrue(d.allSatisfy { $0.mark.line == 1 && $0.mark.column == 1 })
    }

    func testUnknownKeySuggestsTheClosestField() throws {
        let path = try Fixture.exampleVariant("\nparticipants:\n", with: "\nparticipant:\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        let unknown = try XCTUnwrap(d.first { $0.message == "unknown field `participant`" })
        XCTAssertEqual(unknown.hint, "did you mean `participants`?")
        XCTAssertEqual(unknown.mark.column, 1)
        let source = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(source[unknown.mark.line - 1], "participant:")
    }

    func testWrongTypeNamesPathAndPlace() throws {
        let path = try Fixture.exampleVariant("  number: 22\n", with: "  number: [22]\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(d.count, 1)
        XCTAssertEqual(d[0].path, "release.number")
        XCTAssertEqual(d[0].message, "expected a whole number, found a list")
        XCTAssertEqual(d[0].description.components(separatedBy: ": error: ").last, "release.number: expected a whole number, found a list")
    }

    func testBadEmailIsNamedWithAHint() throws {
        let path = try Fixture.exampleVariant("email: presse@numerique.gouv.fr", with: "email: presse(at)numerique.gouv.fr")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(d.map(\.path), ["contacts[0].email"])
        XCTAssertEqual(d[0].message, "expected an e-mail address, found \"presse(at)numerique.gouv.fr\"")
        XCTAssertNotNil(d[0].hint)
        let rendered = d[0].rendered(source: try String(contentsOfFile: path, encoding: .utf8))
        XCTAssertTrue(rendered.contains("^"), rendered)
        XCTAssertTrue(rendered.contains("hint:"), rendered)
    }

    func testYAMLTrapsAreCaughtOrReadAsWritten() throws {
        // A leading zero is refused with a hint; a time-like or yes/no value in a text field stays text.
        let zero = try Fixture.exampleVariant("  number: 22\n", with: "  number: 022\n")
        let d = Fixture.diagnostics { _ = try Meeting.load(zero) }
        XCTAssertEqual(d.map(\.path), ["release.number"])
        XCTAssertTrue(d[0].hint?.contains("quote") ?? false)

        let text = try Fixture.exampleVariant("  place: Paris\n  hosts:", with: "  place: NO\n  hosts:")
        let meeting = try Meeting.load(text)
        XCTAssertEqual(meeting.data["meeting"]?["place"]?.text, "NO")

        let time = try Fixture.exampleVariant("  place: Biarritz\n", with: "  place: 12:30\n")
        XCTAssertEqual(try Meeting.load(time).data["upcoming"]?["place"]?.text, "12:30")
    }

    func testImpossibleDateIsRefused() throws {
        let path = try Fixture.exampleVariant("  date: 2019-05-15\n  number", with: "  date: 2019-02-30\n  number")
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertEqual(d.map(\.path), ["release.date"])
        XCTAssertEqual(d[0].hint, "write dates as year-month-day: 2019-05-15")
    }

    /// Dates are counted in ISO 8601's calendar: leap years every four years but centuries, unless by 400.
    func testDaysOfTheMonthAreCountedAsTheCalendarHasThem() {
        for (text, valid) in [("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true), ("1900-02-29", false), ("2100-02-28", true),
                              ("2019-04-30", true), ("2019-04-31", false), ("2019-12-31", true), ("2019-06-31", false), ("2019-01-00", false),
                              ("2019-13-01", false), ("2019-00-10", false), ("2019-9-10", false), ("2019-09-10", true)] {
            XCTAssertEqual(SchemaValidator.parseDay(text) != nil, valid, text)
        }
        XCTAssertEqual(SchemaValidator.parseDay("2019-05-15"), Day(year: 2019, month: 5, day: 15))
    }

    func testMissingTranslationNamesFieldAndLanguage() throws {
        let path = try Fixture.exampleVariant("  en: >-\n    On 15 May in Paris,", with: "  de: >-\n    On 15 May in Paris,")
        let meeting = try Meeting.load(path)
        _ = try LocalizedMeeting(meeting, language: "fr")
        let d = Fixture.diagnostics { _ = try LocalizedMeeting(meeting, language: "en") }
        XCTAssertEqual(d.map(\.path), ["lead"])
        XCTAssertEqual(d.first?.message, "no English (en) translation")
        XCTAssertEqual(d.first?.hint, "add `en: …` beside de, fr")
    }

    func testUnknownLayoutIsNamedWhereTheFileAsksForIt() throws {
        let path = try Fixture.exampleVariant("documents: [communique,", with: "documents: [comunique,")
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path)) }
        XCTAssertEqual(d.count, 1)
        XCTAssertEqual(d[0].message, "unknown layout `comunique`")
        XCTAssertEqual(d[0].hint, "did you mean `communique`?")
        XCTAssertEqual(d[0].mark.file, path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[d[0].mark.line - 1].hasPrefix("documents: [comunique,"))
        XCTAssertEqual(d[0].mark.column, 13)
    }

    func testMissingImageIsAnErrorNamingTheFile() throws {
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: logos/absent.png")
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path)) }
        XCTAssertFalse(d.isEmpty)
        XCTAssertTrue(d.allSatisfy { $0.message == "no image \"logos/absent.png\"" }, "\(d)")
    }

    func testACorruptImageIsAnErrorNamingTheFile() throws {
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: broken.png")
        try Data("not a picture".utf8).write(to: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("broken.png"))
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path)) }
        XCTAssertFalse(d.isEmpty)
        XCTAssertTrue(d.allSatisfy { $0.message == "\"broken.png\" is not a readable PNG, JPEG or SVG image" }, "\(d)")
    }

    func testBadSourceDateEpochIsAnError() {
        XCTAssertThrowsError(try BuildRequest.sourceDate(["SOURCE_DATE_EPOCH": "yesterday"]))
        XCTAssertEqual(try BuildRequest.sourceDate(["SOURCE_DATE_EPOCH": "1557878400"]).timeIntervalSince1970, 1_557_878_400)
    }
}

/// Found by an outside tester: a source line of thousands of characters was printed whole under its error.
final class DiagnosticRenderingTests: XCTestCase {
    func testALongSourceLineIsShownAroundItsColumn() {
        let line = String(repeating: "mot ", count: 2_000) + "ERREUR" + String(repeating: " mot", count: 2_000)
        let column = 8_001
        let shown = Diagnostic(at: SourceMark(file: "m.yaml", line: 1, column: column), "here").rendered(source: line)
        let excerpt = shown.split(separator: "\n")
        XCTAssertLessThan(excerpt[1].count, 140, String(excerpt[1]))
        let caret = try! XCTUnwrap(excerpt[2].firstIndex(of: "^")).utf16Offset(in: excerpt[2])
        let text = String(excerpt[1])
        let under = text[text.index(text.startIndex, offsetBy: caret)...]
        XCTAssertTrue(under.hasPrefix("ERREUR"), "the caret is not under the column: \(shown)")
    }
}
