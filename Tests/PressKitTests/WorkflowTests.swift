import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// The press officer's workflow through the built binary: check, new, schema, incremental and reproducible
/// builds, drafts and embargoes, watch, and every bad-input class of the guide with its line and column.
final class WorkflowTests: XCTestCase {

    func testCheckReportsEverythingAndExitsByOutcome() throws {
        let ok = try Fixture.presskit(["check", Fixture.example.path])
        XCTAssertEqual(ok.status, 0, ok.err)
        XCTAssertTrue(ok.out.contains("no problem found"), ok.out)
        let path = try Fixture.exampleVariant("email: presse@numerique.gouv.fr", with: "email: presse(at)numerique.gouv.fr\n    fax: 01 02")
        let bad = try Fixture.presskit(["check", path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("error: contacts[0].email: expected an e-mail address"), bad.err)
        XCTAssertTrue(bad.err.contains("error: contacts[0].fax: unknown field `fax`"), bad.err)
        let json = try Fixture.presskit(["check", path, "--format", "json"])
        XCTAssertEqual(json.status, 1)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items.first?["line"] as? Int, try Fixture.line(of: "presse(at)", in: path))
        XCTAssertEqual(items.first?["column"] as? Int, 12)
        XCTAssertEqual(try Fixture.presskit(["check", "/nonexistent/meeting.yaml"]).status, 2)
    }

    /// Each class of bad input in the guide's catalogue, with the place it is reported at.
    func testEveryBadInputClassIsNamedAtItsPlace() throws {
        let cases: [(replace: String, with: String, needle: String, message: String)] = [
            ("  number: 22\n", "  number: [22\n", "  number: [22", "malformed YAML"),
            ("  number: 22\n", "  number: \"vingt-deux\"\n", "vingt-deux", "release.number: expected a whole number"),
            ("  number: 22\n", "  number: 022\n", "number: 022", "release.number: a number with a leading zero"),
            ("\nthemes:\n", "\nthemse:\n", "themse:", "unknown field `themse`"),
            ("  place: Paris\n  date: 2019-05-15\n  number", "  date: 2019-05-15\n  number", "  date: 2019-05-15", "release.place: missing required field `place`"),
            ("    en: Informal meeting of G7 Digital Ministers\n", "", "    fr: Réunion informelle des ministres du Numérique du G7", "meeting.title: no English (en) translation"),
            ("documents: [communique,", "documents: [comunique,", "documents: [comunique,", "unknown layout `comunique`"),
            ("documents: [communique,", "documents: [communiqué,", "documents: [communiqué,", "documents[0]: unknown layout `communiqué`"),
            ("file: logos/economie.svg", "file: logos/absente.svg", "file: logos/absente.svg", "issuers[0].logo.file: no image \"logos/absente.svg\""),
            ("file: logos/economie.svg", "file: ../../etc/logo.svg", "file: ../../etc/logo.svg", "issuers[0].logo.file: the image path \"../../etc/logo.svg\" leaves the project folder"),
            ("fr: https://www.economie.gouv.fr/g7-numerique-2019/resume-presidence.fr.pdf", "fr: ftp://www.economie.gouv.fr/resume.pdf", "ftp://", "links may use http, https, mailto or tel only"),
            ("  date: 2019-05-15\n  number", "  date: 15/05/2019\n  number", "15/05/2019", "release.date: expected a date such as 2019-05-15"),
            ("documents: [communique,", "status: publie\ndocuments: [communique,", "status: publie", "status: expected draft or final"),
        ]
        for c in cases {
            let path = try Fixture.exampleVariant(c.replace, with: c.with)
            // `check` and `build` refuse it alike, with the same first error.
            let err = try Fixture.refused(path)
            XCTAssertTrue(err.contains(c.message), "expected “\(c.message)” in:\n\(err)")
            let expected = try Fixture.line(of: c.needle, in: path)
            // libyaml notices a syntax error where it can no longer parse, and names the line it began on.
            XCTAssertTrue(err.contains(":\(expected):") || err.contains("at line \(expected))"), "“\(c.message)” reported at line \(expected)?\n\(err)")
        }
        // A file too large to be a meeting file, and a malformed SOURCE_DATE_EPOCH.
        let huge = Fixture.write(String(repeating: "# padding\n", count: 1_800_000))
        let big = try Fixture.presskit(["check", huge])
        XCTAssertEqual(big.status, 1)
        XCTAssertTrue(big.err.contains("at most 16777216 are read"), big.err)
        let date = try Fixture.presskit(["build", Fixture.example.path, "--out", Fixture.temporaryFolder().path], environment: ["SOURCE_DATE_EPOCH": "hier"])
        XCTAssertEqual(date.status, 1)
        XCTAssertTrue(date.err.contains("SOURCE_DATE_EPOCH:1:1: error: expected a number of seconds since 1970, found \"hier\""), date.err)
    }

    func testNewThenBuild() throws {
        let folder = Fixture.temporaryFolder().appendingPathComponent("sommet")
        let made = try Fixture.presskit(["new", folder.path])
        XCTAssertEqual(made.status, 0, made.err)
        let text = try String(contentsOf: folder.appendingPathComponent("meeting.yaml"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# yaml-language-server: $schema=../"), "the schema path is relative to the meeting file: \(text.prefix(120))")
        let built = try Fixture.presskit(["build", folder.appendingPathComponent("meeting.yaml").path, "--out", folder.appendingPathComponent("out").path])
        XCTAssertEqual(built.status, 0, built.err)
        XCTAssertTrue(built.out.contains("built 2 files"), built.out)
        XCTAssertEqual(try Fixture.presskit(["new", folder.path]).status, 1, "an existing meeting is never overwritten")
    }

    func testTheCommittedSchemasAreCurrent() throws {
        XCTAssertEqual(try Fixture.presskit(["schema"]).out, try String(contentsOf: Fixture.repository.appendingPathComponent("Layouts/meeting.schema.json"), encoding: .utf8),
                       "run: presskit schema > Layouts/meeting.schema.json")
        XCTAssertEqual(try Fixture.presskit(["schema", "--layout"]).out, try String(contentsOf: Fixture.repository.appendingPathComponent("Layouts/layout.schema.json"), encoding: .utf8),
                       "run: presskit schema --layout > Layouts/layout.schema.json")
    }

    func testIncrementalAndReproducibleBuilds() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique, press-kit, presidency-summary]")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")
        let first = try Fixture.presskit(["build", path, "--out", out.path])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.out.contains("built 6 files, 0 unchanged"), first.out)
        let folder = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        func stamps() throws -> [String: Date] {
            var out: [String: Date] = [:]
            for f in try FileManager.default.contentsOfDirectory(atPath: folder.path) where f.hasSuffix(".pdf") {
                out[f] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(f).path)[.modificationDate] as? Date
            }
            return out
        }
        let before = try stamps()
        let second = try Fixture.presskit(["build", path, "--out", out.path])
        XCTAssertTrue(second.out.contains("nothing changed: no file written"), second.out)
        XCTAssertEqual(try stamps(), before)

        // One field that only the communiqué and the press kit print, in French only.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "comment lutter efficacement", with: "comment lutter plus efficacement").write(toFile: path, atomically: true, encoding: .utf8)
        let third = try Fixture.presskit(["build", path, "--out", out.path, "--format", "json"])
        struct Summary: Decodable { struct File: Decodable { var path: String; var unchanged: Bool }; var files: [File] }
        let files = try JSONDecoder().decode(Summary.self, from: Data(third.out.utf8)).files
        let rebuilt = files.filter { !$0.unchanged }.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted()
        XCTAssertEqual(rebuilt, ["communique.fr.pdf", "press-kit.fr.pdf"])

        // Same inputs, same bytes, in another folder.
        let again = Fixture.temporaryFolder()
        XCTAssertEqual(try Fixture.presskit(["build", path, "--out", again.path, "--layout", "communique"]).status, 0)
        let name = folder.lastPathComponent
        XCTAssertEqual(try Data(contentsOf: again.appendingPathComponent("\(name)/communique.fr.pdf")), try Data(contentsOf: folder.appendingPathComponent("communique.fr.pdf")))
    }

    func testDraftWatermarkAndEmbargoLine() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "status: draft\nembargo: 2019-05-15T12:00+02:00\nlanguages: [fr, en]")
        let out = Fixture.temporaryFolder()
        let r = try Fixture.presskit(["build", path, "--out", out.path, "--layout", "communique"])
        XCTAssertEqual(r.status, 0, r.err)
        let folder = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        func text(_ name: String) throws -> String {
            try Fixture.run(Fixture.which("pdftotext"), ["-raw", folder.appendingPathComponent(name).path, "-"]).out
                .replacingOccurrences(of: "\u{00A0}", with: " ")
        }
        let fr = try text("communique.fr.draft.pdf"), en = try text("communique.en.draft.pdf")
        XCTAssertTrue(fr.contains("Sous embargo jusqu’au 15 mai 2019 à 12 h"), fr)
        XCTAssertTrue(en.contains("Embargoed until 15 May 2019, 12:00 CEST"), en)
        XCTAssertTrue(fr.replacingOccurrences(of: "\n", with: "").contains("PROJET"), "the French watermark")
        XCTAssertTrue(en.replacingOccurrences(of: "\n", with: "").contains("DRAFT"), "the English watermark")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("communique.fr.pdf").path))
        let bad = try Fixture.exampleVariant("languages: [fr, en]", with: "embargo: 2019-05-15 midi\nlanguages: [fr, en]")
        let e = try Fixture.presskit(["check", bad])
        XCTAssertTrue(e.err.contains("embargo: expected a date and time with its offset"), e.err)
    }

    func testWatchRebuildsAndKeepsTheLastGoodPDF() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let out = folder.appendingPathComponent("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixture.binary)
        process.arguments = ["watch", path, "--out", out.path, "--lang", "fr", "--max-builds", "3"]
        var env = ProcessInfo.processInfo.environment
        env["PRESSKIT_HOME"] = Fixture.repository.path
        env["SOURCE_DATE_EPOCH"] = "1557878400"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        final class Log: @unchecked Sendable { var text = ""; let lock = NSLock() }
        let log = Log()
        pipe.fileHandleForReading.readabilityHandler = { h in
            let s = String(decoding: h.availableData, as: UTF8.self)
            log.lock.lock(); log.text += s; log.lock.unlock()
        }
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func waitFor(_ needle: String, count: Int = 1) -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                log.lock.lock(); let n = log.text.components(separatedBy: needle).count - 1; log.lock.unlock()
                if n >= count { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        XCTAssertTrue(waitFor("1 rebuilt"), log.text)
        let pdf = out.appendingPathComponent("\(folder.lastPathComponent)/communique.fr.pdf")
        let good = try Data(contentsOf: pdf)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "comment lutter efficacement", with: "comment lutter plus efficacement").write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertTrue(waitFor("1 rebuilt", count: 2), log.text)
        let second = try Data(contentsOf: pdf)
        XCTAssertNotEqual(second, good)
        try text.replacingOccurrences(of: "  number: 22\n", with: "  number: [22\n").write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertTrue(waitFor("not built: the previous PDFs are unchanged"), log.text)
        XCTAssertTrue(log.text.contains("malformed YAML"), log.text)
        XCTAssertEqual(try Data(contentsOf: pdf), second)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(process.isRunning, "watch stops by itself after --max-builds")
    }
}
