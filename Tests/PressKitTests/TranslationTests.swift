import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Translation status: missing and stale translations, confirmation, and the build's warning or refusal.
final class TranslationTests: XCTestCase {
    func testOneMissingAndOneStaleField() throws {
        // Confirm every translation, then change a French source text and drop an English translation.
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let confirmed = TranslationStatus(try Meeting.load(path), ledger: TranslationLedger())
        XCTAssertTrue(confirmed.missing.isEmpty)
        XCTAssertGreaterThan(confirmed.unconfirmed.count, 50)
        try confirmed.confirming([], languages: nil, in: TranslationLedger()).save(for: path)

        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "a présidé ce 15 mai, à Paris", with: "a présidé ce mercredi 15 mai, à Paris")
        text = text.replacingOccurrences(of: "\n    en: Informal meeting of G7 Digital Ministers\n", with: "\n")
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let status = TranslationStatus(try Meeting.load(path), ledger: try TranslationLedger.load(for: path))
        XCTAssertEqual(status.missing.map(\.path), ["meeting.title"])
        XCTAssertEqual(status.missing.map(\.language), ["en"])
        XCTAssertEqual(status.stale.map(\.path), ["lead"])
        XCTAssertEqual(status.unconfirmed, [])
        XCTAssertTrue(status.summary.contains("en (English): 1 missing, 1 stale, 0 not confirmed"), status.summary)

        // Confirming the stale field clears it; the missing one stays missing.
        let again = status.confirming(["lead"], languages: nil, in: try TranslationLedger.load(for: path))
        try again.save(for: path)
        let after = TranslationStatus(try Meeting.load(path), ledger: try TranslationLedger.load(for: path))
        XCTAssertEqual(after.stale, [])
        XCTAssertEqual(after.missing.map(\.path), ["meeting.title"])
    }

    func testTheBuildWarnsAboutStaleTranslationsOrRefusesThem() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let status = TranslationStatus(try Meeting.load(path), ledger: TranslationLedger())
        try status.confirming([], languages: nil, in: TranslationLedger()).save(for: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "des trois thèmes suivants", with: "des trois grands thèmes suivants").write(toFile: path, atomically: true, encoding: .utf8)
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")

        let pipeline = Pipeline(home: Fixture.home)
        let files = try pipeline.build(BuildRequest(meetingPath: path, outputFolder: out))
        XCTAssertEqual(files.count, 2)
        XCTAssertEqual(files.warnings.map(\.path), ["themes_intro"])
        XCTAssertEqual(files.warnings.first?.severity, .warning)

        var strict = BuildRequest(meetingPath: path, outputFolder: out.appendingPathComponent("strict"))
        strict.strictTranslations = true
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).build(strict) }
        XCTAssertEqual(d.map(\.path), ["themes_intro"])
        XCTAssertEqual(d.first?.severity, .error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("strict").path))
    }

    func testAFallbackOnlyWhenAskedAndWithAWarning() throws {
        let path = try Fixture.exampleVariant("\n    en: Informal meeting of G7 Digital Ministers\n", with: "\n")
        let strict = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path, languages: ["en"], layouts: ["communique"])) }
        XCTAssertEqual(strict.map(\.message), ["no English (en) translation"])
        var request = BuildRequest(meetingPath: path, languages: ["en"], layouts: ["communique"])
        request.fallbackToSource = true
        let pipeline = Pipeline(home: Fixture.home)
        let prepared = try pipeline.documents(for: request)
        let docs = prepared.documents
        XCTAssertTrue(try XCTUnwrap(docs.first).document.dump().contains("Réunion informelle des ministres du Numérique du G7"))
        XCTAssertEqual(prepared.warnings.map(\.message), ["no English (en) translation; the French text is used"])
        XCTAssertEqual(prepared.warnings.first?.severity, .warning)
    }

    func testFingerprintsIgnoreUnicodeNormalisationOnly() {
        XCTAssertEqual(TranslationLedger.fingerprint("Ministère"), TranslationLedger.fingerprint("Ministe\u{300}re"))
        XCTAssertNotEqual(TranslationLedger.fingerprint("Ministère"), TranslationLedger.fingerprint("Ministere"))
    }
}
