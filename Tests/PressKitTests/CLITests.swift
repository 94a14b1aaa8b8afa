import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// CLI layer: the built `presskit` binary on fixtures: exit codes, messages, files written or kept.
final class CLITests: XCTestCase {
    var binary: String {
        // The test bundle sits in the build folder beside the executable (on Linux the bundle URL is that folder).
        let bundle = Bundle(for: CLITests.self).bundleURL
        return [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("presskit").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? bundle.appendingPathComponent("presskit").path
    }

    func presskit(_ args: [String], in folder: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build the executable first: \(binary)")
        return try Fixture.run(binary, args, environment: ["PRESSKIT_HOME": Fixture.repository.path, "SOURCE_DATE_EPOCH": "1557878400"], in: folder)
    }

    func testBuildWritesBothLanguagesAndSaysSo() throws {
        let out = Fixture.temporaryFolder()
        let r = try presskit(["build", Fixture.example.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("communique.fr.pdf  1 page"), r.out)
        XCTAssertTrue(r.out.contains("communique.en.pdf  1 page"), r.out)
        for lang in ["fr", "en"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("g7-numerique-2019/communique.\(lang).pdf").path))
        }
        let only = Fixture.temporaryFolder()
        let r2 = try presskit(["build", Fixture.example.path, "--out", only.path, "--lang", "en"])
        XCTAssertEqual(r2.status, 0, r2.err)
        let files = try FileManager.default.contentsOfDirectory(atPath: only.appendingPathComponent("g7-numerique-2019").path)
        XCTAssertEqual(files.filter { !$0.hasPrefix(".") }.sorted(), ["communique.en.pdf", "presidency-summary.en.pdf", "press-kit.en.pdf"])
    }

    func testAFailedBuildLeavesThePreviousPDFsAsTheyWere() throws {
        let folder = Fixture.exampleFolderCopy()
        let meeting = folder.appendingPathComponent("meeting.yaml")
        let good = try String(contentsOf: Fixture.example, encoding: .utf8)
        try good.write(to: meeting, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        XCTAssertEqual(try presskit(["build", meeting.path, "--out", out.path]).status, 0)
        let pdf = out.appendingPathComponent("\(folder.lastPathComponent)/communique.fr.pdf")
        let before = try Data(contentsOf: pdf)

        // Break the data: a missing English translation and a bad e-mail.
        try good.replacingOccurrences(of: "email: presse@numerique.gouv.fr", with: "email: presse(at)numerique.gouv.fr")
            .replacingOccurrences(of: "\n    en: Informal meeting of G7 Digital Ministers\n", with: "\n")
            .write(to: meeting, atomically: true, encoding: .utf8)
        let r = try presskit(["build", meeting.path, "--out", out.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("meeting.yaml:"), r.err)
        XCTAssertTrue(r.err.contains("error: contacts[0].email: expected an e-mail address, found \"presse(at)numerique.gouv.fr\""), r.err)
        XCTAssertTrue(r.err.contains("hint:"), r.err)
        XCTAssertTrue(r.err.contains("nothing was written"), r.err)
        XCTAssertEqual(try Data(contentsOf: pdf), before)

        // Fix the e-mail only: the missing translation is now the error, naming field and language.
        try good.replacingOccurrences(of: "\n    en: Informal meeting of G7 Digital Ministers\n", with: "\n")
            .write(to: meeting, atomically: true, encoding: .utf8)
        let r2 = try presskit(["build", meeting.path, "--out", out.path])
        XCTAssertEqual(r2.status, 1)
        XCTAssertTrue(r2.err.contains("error: meeting.title: no English (en) translation"), r2.err)
        XCTAssertEqual(try Data(contentsOf: pdf), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: pdf.deletingLastPathComponent().path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testMalformedYAMLShowsTheLineAndACaret() throws {
        let path = Fixture.write("languages: [fr, en]\nissuers:\n  - name: \"Ministère\n")
        let r = try presskit(["build", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("error: malformed YAML"), r.err)
        XCTAssertTrue(r.err.contains("^"), r.err)
    }

    func testTheReportIsPrintedAsTextAndAsJSON() throws {
        let out = Fixture.temporaryFolder()
        let text = try presskit(["build", Fixture.example.path, "--out", out.path, "--report"])
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("communique.fr: 1 page, "), text.out)
        XCTAssertTrue(text.out.contains(" 0 overfull, 0 loose, 0 tight, "), text.out)
        XCTAssertTrue(text.out.contains("0 widows, 0 orphans, 0 spacing faults, 0 rules relaxed"), text.out)
        let json = try presskit(["build", Fixture.example.path, "--out", out.path, "--report", "--format", "json", "--force"])
        XCTAssertEqual(json.status, 0, json.err)
        struct Summary: Decodable { struct File: Decodable { var report: TypographicReport; var unchanged: Bool }; var files: [File] }
        let reports = try JSONDecoder().decode(Summary.self, from: Data(json.out.utf8)).files.map(\.report)
        XCTAssertEqual(reports.map(\.document), ["communique.fr", "communique.en", "press-kit.fr", "press-kit.en",
                                                 "presidency-summary.fr", "presidency-summary.en"])
        XCTAssertTrue(reports.allSatisfy { $0.lines > 30 && $0.overfull.isEmpty })
    }

    func testTranslationsStatusAndConfirm() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let first = try presskit(["translations", path])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.out.contains("en (English): 0 missing, 0 stale, "), first.out)
        let confirm = try presskit(["translations", "confirm", path])
        XCTAssertEqual(confirm.status, 0, confirm.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: TranslationLedger.file(for: path).path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "des trois thèmes suivants", with: "des trois grands thèmes suivants").write(toFile: path, atomically: true, encoding: .utf8)
        let stale = try presskit(["translations", path])
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.out.contains("stale:   themes_intro"), stale.out)
        let build = try presskit(["build", path, "--out", Fixture.temporaryFolder().path])
        XCTAssertEqual(build.status, 0, build.err)
        XCTAssertTrue(build.err.contains("warning: themes_intro: the English (en) translation was confirmed against an older French text"), build.err)
        let strict = try presskit(["build", path, "--out", Fixture.temporaryFolder().path, "--strict-translations"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.err.contains("error: themes_intro"), strict.err)
        let unknown = try presskit(["translations", "confirm", path, "theme_intro"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.err.contains("theme_intro: no translated field has this path"), unknown.err)
    }

    func testBilingualOption() throws {
        let out = Fixture.temporaryFolder()
        let r = try presskit(["build", Fixture.example.path, "--out", out.path, "--layout", "communique", "--bilingual", "sequential"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("communique.fr-en.pdf  2 pages"), r.out)
        let bad = try presskit(["build", Fixture.example.path, "--bilingual", "diagonal"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("diagonal"), bad.err)
    }

    func testHelpIsComplete() throws {
        let r = try presskit(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.out.contains("build"), r.out)
        XCTAssertTrue(r.out.contains("layouts"), r.out)
        XCTAssertTrue(r.out.contains("translations"), r.out)
        let b = try presskit(["build", "--help"])
        for option in ["--lang", "--layout", "--out", "--report", "--format", "--force", "--quiet", "--jobs", "--bilingual", "--strict-translations", "SOURCE_DATE_EPOCH"] { XCTAssertTrue(b.out.contains(option), b.out) }
    }

    func testLayoutsListsTheBuiltInOnes() throws {
        let r = try presskit(["layouts"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("communique"), r.out)
        XCTAssertTrue(r.out.contains("Communiqué de presse (press release)"), r.out)
    }
}
