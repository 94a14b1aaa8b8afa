import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument

/// Values typed once in the data and written per language; fields a layout declares for itself.
final class TypedValueTests: XCTestCase {
    func testDateRangesAsEachLanguageWritesThem() {
        let a = Day(year: 2019, month: 8, day: 24), b = Day(year: 2019, month: 8, day: 26)
        let expected = ["fr": "du 24 au 26 août 2019", "en": "24–26 August 2019", "de": "24.–26. August 2019", "it": "dal 24 al 26 agosto 2019"]
        for (language, text) in expected { XCTAssertEqual(DateStyle.range(a, b, language: language), text, language) }
        let c = Day(year: 2019, month: 9, day: 1), d = Day(year: 2020, month: 1, day: 2)
        XCTAssertEqual(DateStyle.range(a, c, language: "fr"), "du 24 août au 1er septembre 2019")
        XCTAssertEqual(DateStyle.range(a, c, language: "en"), "24 August–1 September 2019")
        XCTAssertEqual(DateStyle.range(c, d, language: "de"), "1. September 2019–2. Januar 2020")
        XCTAssertEqual(DateStyle.range(a, a, language: "it"), "24 agosto 2019")
        XCTAssertEqual(DateStyle.numeric(Day(year: 2019, month: 11, day: 13), language: "de"), "13.11.2019")
        XCTAssertEqual(DateStyle.numeric(Day(year: 2019, month: 5, day: 15), language: "fr"), "15/05/2019")
    }

    func testTimesOfDay() throws {
        let t = try XCTUnwrap(ClockTime(parsing: "9:30")), noon = try XCTUnwrap(ClockTime(parsing: "12:00"))
        XCTAssertEqual(t.formatted(language: "fr"), "9\u{00A0}h\u{00A0}30")
        XCTAssertEqual(noon.formatted(language: "fr"), "12\u{00A0}h")
        XCTAssertEqual(t.formatted(language: "en"), "9:30")
        XCTAssertEqual(t.formatted(language: "de"), "9:30\u{00A0}Uhr")
        for bad in ["9h30", "24:00", "9:5", "９:30", "", "9:30:00"] { XCTAssertNil(ClockTime(parsing: bad), bad) }
    }

    func testPhoneNumbersWrittenOnceAndPrintedByTheirCountrysConvention() throws {
        let paris = try XCTUnwrap(PhoneNumber(parsing: "+33 1 53 18 43 10"))
        XCTAssertEqual(paris.national, "01 53 18 43 10")
        XCTAssertEqual(paris.international, "+33 1 53 18 43 10")
        XCTAssertEqual(try XCTUnwrap(PhoneNumber(parsing: "+33153184310")).national, "01 53 18 43 10")
        XCTAssertEqual(try XCTUnwrap(PhoneNumber(parsing: "+49 30 1817 2153")).national, "030 1817 2153")
        // Italy keeps its leading zero in international form and adds none nationally.
        XCTAssertEqual(try XCTUnwrap(PhoneNumber(parsing: "+39 06 3691 2345")).national, "06 3691 2345")
        for bad in ["01 53 18 43 10", "+33", "+33 1 53 18 43 1O", "tel:+33153184310"] { XCTAssertNil(PhoneNumber(parsing: bad), bad) }
    }

    func testFiltersPrintTypedValues() throws {
        let template = Template(labels: [:], language: "fr")
        var scope = Scope(data: Value(.map([]), at: .file("t")), language: "fr")
        let mark = SourceMark.file("t")
        scope.locals["e"] = Value(.map([("start", Value(.day(Day(year: 2019, month: 8, day: 24)), at: mark)),
                                        ("end", Value(.day(Day(year: 2019, month: 8, day: 26)), at: mark)),
                                        ("time", Value(.text("8:30"), at: mark)), ("phone", Value(.text("+33 1 53 18 43 10"), at: mark))]), at: mark)
        XCTAssertEqual(try template.expand("{e | dates}", in: scope), "du 24 au 26 août 2019")
        XCTAssertEqual(try template.expand("{e.start | date numeric}", in: scope), "24/08/2019")
        XCTAssertEqual(try template.expand("{e.time | time}", in: scope), "8\u{00A0}h\u{00A0}30")
        XCTAssertEqual(try template.expand("{e.phone | phone}", in: scope), "01 53 18 43 10")
        XCTAssertEqual(try template.expand("{e.phone | phone international}", in: scope), "+33 1 53 18 43 10")
        XCTAssertEqual(try Template(labels: [:], language: "en").expand("{e.phone | phone}", in: scope), "+33 1 53 18 43 10", "abroad, the international form")
        XCTAssertThrowsError(try template.expand("{e.phone | phone local}", in: scope))
        XCTAssertThrowsError(try template.expand("{e.start | date short}", in: scope))
    }

    static let bilateral = Fixture.repository.appendingPathComponent("Examples/visite-bilaterale-fr-de-2026/meeting.yaml")

    /// The bilateral example with `replacing` swapped for `with`, in a temporary folder.
    func variant(_ replacing: String, with: String) throws -> String {
        let text = try String(contentsOf: Self.bilateral, encoding: .utf8)
        XCTAssertTrue(text.contains(replacing), replacing)
        return Fixture.write(text.replacingOccurrences(of: replacing, with: with))
    }

    func testALayoutsOwnFieldMissingOrMistypedIsNamedAtTheMeetingFile() throws {
        let pipeline = Pipeline(home: Fixture.home)
        // Missing: named where the meeting asks for the layout, with the layout's declaration as a note.
        let missing = try variant("  accreditation-deadline: 2026-03-11T12:00+01:00\n", with: "")
        var found = Fixture.diagnostics { _ = try pipeline.documents(for: BuildRequest(meetingPath: missing)) }
        var d = try XCTUnwrap(found.first { $0.path == "fields.accreditation-deadline" }, "\(found.map(\.message))")
        XCTAssertTrue(d.message.contains("the layout `media-advisory` needs `fields.accreditation-deadline` (date-time)"), d.message)
        XCTAssertEqual(d.mark.line, try Fixture.line(of: "documents: [media-advisory", in: missing))
        XCTAssertTrue(d.note?.contains("media-advisory.yaml") ?? false, d.note ?? "")
        // Mistyped: at its own line.
        let mistyped = try variant("accreditation-deadline: 2026-03-11T12:00+01:00", with: "accreditation-deadline: le 11 mars à midi")
        found = Fixture.diagnostics { _ = try pipeline.documents(for: BuildRequest(meetingPath: mistyped)) }
        d = try XCTUnwrap(found.first { $0.path == "fields.accreditation-deadline" }, "\(found.map(\.message))")
        XCTAssertEqual(d.mark.line, try Fixture.line(of: "accreditation-deadline: le 11", in: mistyped))
        // Unknown to every layout built: a typo, with the nearest name.
        let typo = try variant("  venue: ", with: "  venu: ")
        found = Fixture.diagnostics { _ = try pipeline.documents(for: BuildRequest(meetingPath: typo)) }
        d = try XCTUnwrap(found.first { $0.path == "fields.venu" }, "\(found.map(\.message))")
        XCTAssertTrue(d.hint?.contains("did you mean `venue`?") ?? false, d.hint ?? "")
        XCTAssertTrue(found.contains { $0.path == "fields.venue" && $0.message.contains("needs") })
        // Typed: the deadline printed as a date and time in each language.
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Self.bilateral.path, layouts: ["media-advisory"])).documents
        let dumps = docs.map { $0.document.dump() }
        XCTAssertTrue(dumps[0].contains("avant le 11·mars 2026 à 12·h."), dumps[0])
        XCTAssertTrue(dumps[1].contains("bis zum 11. März 2026, 12:00 Uhr zu akkreditieren"), dumps[1])
    }

    func testLayoutsCommandListsTheFieldsALayoutDeclares() throws {
        let out = try Fixture.presskit(["layouts"]).out
        XCTAssertTrue(out.contains("fields.accreditation-deadline (date-time, required): when accreditation requests close"), out)
        XCTAssertTrue(out.contains("fields.press-opportunities (text): "), out)
    }
}
