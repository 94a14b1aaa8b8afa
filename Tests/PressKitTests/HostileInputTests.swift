import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Hostile and broken input: every limit and containment rule, Unicode traps, and builds killed midway.
final class HostileInputTests: XCTestCase {
    func testABillionLaughsFileIsRefusedQuickly() throws {
        var yaml = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...9 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "languages: *a9\n"
        let path = Fixture.write(yaml)
        let start = Date()
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(d.contains { $0.message == "the file expands to more than 200000 values" }, "\(d)")
    }

    func testDeepNestingIsRefused() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "languages: [fr, en]\nbody: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100))
        let d = Fixture.diagnostics { _ = try Meeting.load(path) }
        XCTAssertTrue(d.contains { $0.message.hasPrefix("values are nested more than 64 deep") }, "\(d)")
    }

    func testImagesOutsideTheFolderOrTooLargeAreRefused() throws {
        let cases: [(String, (URL) throws -> Void, String)] = [
            ("escape.svg", { try FileManager.default.createSymbolicLink(atPath: $0.appendingPathComponent("escape.svg").path, withDestinationPath: "/etc/passwd") },
             "is not a file inside"),
            ("device.png", { try FileManager.default.createSymbolicLink(atPath: $0.appendingPathComponent("device.png").path, withDestinationPath: "/dev/zero") },
             "is not a file inside"),
            ("bomb.png", { folder in
                // A PNG header that claims 100,000 × 100,000 pixels.
                var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
                bytes += [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 2, 0, 0, 0]
                try Data(bytes).write(to: folder.appendingPathComponent("bomb.png"))
            }, "has 10000000000 pixels"),
        ]
        for (name, make, message) in cases {
            let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: \(name)")
            try make(URL(fileURLWithPath: path).deletingLastPathComponent())
            let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path)) }
            XCTAssertTrue(d.contains { $0.message.contains(message) }, "\(name): \(d)")
        }
    }

    func testAnotherImageFolderOnlyWhenNamedWithRoot() throws {
        let shared = Fixture.temporaryFolder()
        try FileManager.default.copyItem(at: Fixture.repository.appendingPathComponent("Assets/logos/economie.svg"), to: shared.appendingPathComponent("charte.svg"))
        let path = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: charte.svg")
        let refused = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path, layouts: ["communique"])) }
        XCTAssertTrue(refused.contains { $0.message == "no image \"charte.svg\"" }, "\(refused)")
        var request = BuildRequest(meetingPath: path, layouts: ["communique"])
        request.roots = [shared]
        XCTAssertEqual(try Pipeline(home: Fixture.home).documents(for: request).documents.count, 2)
        let outside = try Fixture.exampleVariant("file: logos/economie.svg", with: "file: /etc/hostname")
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: outside, layouts: ["communique"])) }
        XCTAssertTrue(d.contains { $0.hint?.contains("--root") ?? false }, "\(d)")
    }

    func testAnEndlessLayoutIsStoppedNamingWhatItWasPlacing() throws {
        var paginator = Paginator(shaper: FixedAdvanceShaper())
        paginator.maximumPages = 5
        let info = DocumentInfo(title: "", author: "", subject: "", keywords: "", language: "fr")
        let template = PageTemplate(size: .a4, margins: Sides(top: .mm(20), right: .mm(20), bottom: .mm(20), left: .mm(20)), footerGap: .mm(5))
        var p = Paragraph(runs: [TextRun(String(repeating: "mot ", count: 30_000))], style: ParagraphStyle(), language: "fr", origin: "meeting.yaml:42")
        p.style.leading = .pt(12)
        XCTAssertThrowsError(try paginator.layout(Document(info: info, page: template, blocks: [.paragraph(p)], footer: []))) { error in
            XCTAssertTrue("\(error)".contains("runs past 5 pages while placing meeting.yaml:42"), "\(error)")
        }
    }

    func testOnlyWebMailAndTelephoneLinks() throws {
        let path = try Fixture.exampleVariant("**Cédric O**, secrétaire", with: "[**Cédric O**](javascript:alert(1)), secrétaire")
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: path, layouts: ["communique"])) }
        let link = try XCTUnwrap(d.first { $0.message.hasPrefix("the link") })
        XCTAssertEqual(link.message, "the link \"javascript:alert(1)\" is not allowed")
        XCTAssertEqual(link.path, "lead")
        XCTAssertEqual(link.mark.file, path)
    }

    func testAnApostropheInAnAddressKeepsThePDFSound() throws {
        let path = try Fixture.exampleVariant("fr: https://www.economie.gouv.fr/g7-numerique-2019/resume-presidence.fr.pdf",
                                              with: "fr: https://www.economie.gouv.fr/l'été/résumé\\\\(1).pdf")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")
        let files = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["communique"], outputFolder: out))
        XCTAssertEqual(try PDFTests.problems(try XCTUnwrap(files.first).file.path), [])
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", files[0].file.path, "-"]).out
        XCTAssertTrue(qdf.contains("l%27"), "the apostrophe is escaped in the link target")
    }

    func testUnicodeIsNormalisedAndInvisibleControlsAreNamed() throws {
        let path = try Fixture.exampleVariant("a présidé ce 15 mai", with: "a pre\u{301}sidé ce\u{200B} 15 mai")
        let meeting = try Meeting.load(path)
        XCTAssertTrue(try XCTUnwrap(LocalizedMeeting(meeting, language: "fr").data["lead"]?.text).contains("présidé"))
        XCTAssertEqual(meeting.warnings.map(\.path), ["lead.fr"])
        XCTAssertEqual(meeting.warnings.first?.message, "an invisible control character U+200B is in the text")
        XCTAssertEqual(meeting.warnings.first?.severity, .warning)
    }

    func testRightToLeftNamesReadRightToLeft() throws {
        let shaper = PangoShaper(fonts: try Pipeline(home: Fixture.home).fonts())
        let name = "אגודת הידידות הבינלאומית"
        let p = Paragraph(runs: [TextRun("Réunion avec \(name) au siège.")], style: ParagraphStyle(), language: "fr")
        let line = try XCTUnwrap(try shaper.lines(p, width: .pt(400)).first)
        func x(_ word: String) throws -> Double { try XCTUnwrap(line.extent(of: word), "“\(word)” is not drawn").from }
        XCTAssertLessThan(try x("Réunion"), try x("הבינלאומית"), "left-to-right text before the name")
        XCTAssertLessThan(try x("הבינלאומית"), try x("אגודת"), "the name's first word is at its right")
        XCTAssertLessThan(try x("אגודת"), try x("au"), "and the sentence goes on after it")
    }

    func testAnEmojiNoFontHasIsNamedAtItsField() throws {
        let path = try Fixture.exampleVariant("**Cédric O**, secrétaire", with: "**Cédric O** \u{1F642}, secrétaire")
        let d = Fixture.diagnostics {
            _ = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["communique"],
                                                                    outputFolder: Fixture.temporaryFolder()))
        }
        XCTAssertEqual(d.first?.path, "lead")
        XCTAssertTrue(d.first?.message.contains("U+1F642") ?? false, "\(d)")
    }

    /// Builds killed at random moments leave earlier PDFs whole (or a finished new one), and the next
    /// build removes what they left behind.
    func testAKilledBuildLosesNothing() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique, press-kit]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let out = folder.appendingPathComponent("out")
        XCTAssertEqual(try Fixture.presskit(["build", path, "--out", out.path]).status, 0)
        let pdfs = out.appendingPathComponent(folder.lastPathComponent)
        let names = try FileManager.default.contentsOfDirectory(atPath: pdfs.path).filter { $0.hasSuffix(".pdf") }
        var before: [String: Data] = [:]
        for n in names { before[n] = try Data(contentsOf: pdfs.appendingPathComponent(n)) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "  number: \(22 + round)\n", with: "  number: \(23 + round)\n").write(toFile: path, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixture.binary)
            process.arguments = ["build", path, "--out", out.path, "--quiet", "--jobs", "1"]
            process.environment = ["PRESSKIT_HOME": Fixture.repository.path, "SOURCE_DATE_EPOCH": "1557878400", "HOME": NSHomeDirectory()]
            try process.run()
            usleep(UInt32.random(in: 5_000...250_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for n in names {
                let data = try Data(contentsOf: pdfs.appendingPathComponent(n))
                if data != before[n] {
                    XCTAssertEqual(try PDFTests.problems(pdfs.appendingPathComponent(n).path), [], "round \(round): \(n) is a finished PDF")
                    before[n] = data
                }
            }
        }
        XCTAssertEqual(try Fixture.presskit(["build", path, "--out", out.path, "--quiet"]).status, 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: pdfs.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(left, [], "no temporary file is left behind after the next build")
    }
}
