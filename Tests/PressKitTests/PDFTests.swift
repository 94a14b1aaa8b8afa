import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// PDF layer: the built files checked with qpdf and poppler, as a reader's tools see them.
final class PDFTests: XCTestCase {
    static let epoch = Date(timeIntervalSince1970: 1_557_878_400)  // 2019-05-15T00:00:00Z
    nonisolated(unsafe) static var built: [BuiltFile] = []  // set once in setUp, read by the tests in turn
    static let output = Fixture.temporaryFolder()

    override class func setUp() {
        built = (try? Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: Fixture.example.path, outputFolder: output, created: epoch)))?.files ?? []
    }

    func file(_ lang: String) throws -> String {
        try XCTUnwrap(Self.built.first { $0.language == lang && $0.layout == "communique" }, "the example did not build").file.path
    }

    /// Problems a reader's tools find in a PDF: qpdf's structure check, Ghostscript's interpreter stopping
    /// on the first error, and fonts that are not embedded.
    static func problems(_ path: String) throws -> [String] {
        var problems: [String] = []
        let qpdf = try Fixture.run(Fixture.which("qpdf"), ["--check", path])
        if qpdf.status != 0 { problems.append("qpdf --check: exit \(qpdf.status)") }
        let gs = try Fixture.run(Fixture.which("gs"), ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR", "-sDEVICE=nullpage", path])
        if gs.status != 0 || gs.out.contains("Error") || gs.err.contains("Error") { problems.append("gs: exit \(gs.status) \(gs.err.prefix(200))") }
        let fonts = try Fixture.run(Fixture.which("pdffonts"), [path])
        if fonts.status != 0 { problems.append("pdffonts: exit \(fonts.status)") }
        let rows = fonts.out.split(separator: "\n").dropFirst(2)
        if fonts.status == 0 && rows.isEmpty { problems.append("no fonts") }
        for row in rows {
            let cols = row.split(separator: " ")
            if cols.count < 5 || cols[cols.count - 5] != "yes" { problems.append("font not embedded: \(cols.first ?? "")") }
        }
        return problems
    }

    func testTheCheckerFailsOnAKnownBadPDF() throws {
        XCTAssertFalse(try Self.problems(Fixture.path("bad/truncated.pdf")).isEmpty)
        // Each checker on its own must refuse it, so neither can silently pass everything.
        let gs = try Fixture.run(Fixture.which("gs"), ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR", "-sDEVICE=nullpage", Fixture.path("bad/truncated.pdf")])
        XCTAssertNotEqual(gs.status, 0, "Ghostscript must refuse the truncated PDF")
        XCTAssertNotEqual(try Fixture.run(Fixture.which("qpdf"), ["--check", Fixture.path("bad/truncated.pdf")]).status, 0)
    }

    func testStructureIsSoundAndEveryFontEmbedded() throws {
        XCTAssertEqual(Self.built.map(\.file.lastPathComponent).sorted(),
                       ["communique.en.pdf", "communique.fr.pdf", "presidency-summary.en.pdf", "presidency-summary.fr.pdf",
                        "press-kit.en.pdf", "press-kit.fr.pdf"])
        for f in Self.built { XCTAssertEqual(try Self.problems(f.file.path), [], f.file.lastPathComponent) }
    }

    /// Text as pdftotext extracts it, with spaces made plain and line-end hyphens joined.
    func text(_ lang: String) throws -> String {
        let out = try Fixture.run(Fixture.which("pdftotext"), ["-enc", "UTF-8", try file(lang), "-"]).out
        return out.replacingOccurrences(of: "\u{00AD}", with: "")
            .replacingOccurrences(of: "-\n", with: "")
            .components(separatedBy: .whitespacesAndNewlines).filter { !$0.isEmpty }.joined(separator: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    func testEveryTextFieldIsExtractableInItsLanguage() throws {
        let fr = try text("fr"), en = try text("en")
        let french = [
            "MINISTÈRE DE L’ÉCONOMIE ET DES FINANCES", "COMMUNIQUÉ DE PRESSE", "Paris, le 15 mai 2019", "N°22",
            "Réunion informelle des ministres du Numérique du G7 « Bâtir ensemble un numérique de la confiance »",
            "Cédric O, secrétaire d’Etat chargé du Numérique, a présidé ce 15 mai, à Paris",
            "l’Australie, le Chili, l’Inde et la Nouvelle-Zélande ;", "l’UIT, l’OCDE et l’UNESCO ;",
            "au cours duquel une séquence pourrait être consacrée au thème « Les libertés dans un monde numérique ».",
            "comment lutter efficacement contre les violences en ligne ;",
            "A cette occasion, Cédric O a déclaré : « Assurer une confiance accrue",
            "au service de l’humain ».", "Le résumé de la présidence : en français / en anglais",
            "Contacts presse", "Cabinet de Cédric O", "01 53 18 43 10", "presse@numerique.gouv.fr",
        ]
        for s in french { XCTAssertTrue(fr.contains(s), "fr: missing \(s)\n\(fr)") }
        let english = [
            "MINISTRY FOR THE ECONOMY AND FINANCE", "PRESS RELEASE", "Paris, 15 May 2019", "No. 22",
            "Informal meeting of G7 Digital Ministers “Building a trusted digital world together”",
            "Australia, Chile, India and New Zealand;", "Biarritz Summit, to be held from 24 to 26 August",
            "how to fight online violence effectively;", "On this occasion, Cédric O said: “Ensuring greater trust",
            "The Chair’s summary: in French / in English", "Press contacts", "Office of Cédric O",
        ]
        for s in english { XCTAssertTrue(en.contains(s), "en: missing \(s)\n\(en)") }
        XCTAssertFalse(en.contains("Réunion informelle"), "French text in the English PDF")
        XCTAssertFalse(fr.contains("Press release"), "English text in the French PDF")
    }

    func testMetadataLinksAndTags() throws {
        let info = try Fixture.run(Fixture.which("pdfinfo"), [try file("fr")]).out
        XCTAssertTrue(info.contains("Title:           Communiqué de presse – Réunion informelle des ministres du Numérique du G7"), info)
        XCTAssertTrue(info.contains("Author:          Ministère de l’Économie et des Finances, Ministère de l’Action et des Comptes publics"), info)
        XCTAssertTrue(info.contains("Creator:         presskit"), info)
        XCTAssertTrue(info.contains("Tagged:          yes"), info)
        XCTAssertTrue(info.contains("2019"), info)
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", try file("fr"), "-"]).out
        XCTAssertEqual(qdf.components(separatedBy: "/Subtype /Link").count - 1, 5)
        XCTAssertTrue(qdf.contains("(mailto:presse@numerique.gouv.fr)"))
        XCTAssertTrue(qdf.contains("(https://www.economie.gouv.fr/g7-numerique-2019/resume-presidence.en.pdf)"))
    }

    func testTheStructureTreeReadsAsText() throws {
        // Screen readers read the tagged structure, not the page geometry: words must be separated there too.
        let tree = try Fixture.run(Fixture.which("pdfinfo"), ["-struct-text", try file("fr")]).out
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
        XCTAssertTrue(tree.contains("H1 (block)\n    \"Réunion informelle des ministres du Numérique du G7 « Bâtir ensemble un numérique de la confiance »\""), tree)
        // A list item holds its marker as a label and its text as a body.
        XCTAssertTrue(tree.contains("LI (block)\n      Lbl (block)\n        \"– \"\n      LBody (block)\n        \"l’Australie, le Chili, l’Inde et la Nouvelle-Zélande ;\""), tree)
    }

    func testLinkAreasCoverTheirWords() throws {
        // pdftotext -bbox gives each word's box; the e-mail's link rectangle must cover the e-mail address.
        let bbox = try Fixture.run(Fixture.which("pdftotext"), ["-bbox", try file("fr"), "-"]).out
        let line = try XCTUnwrap(bbox.split(separator: "\n").first { $0.contains(">presse@numerique.gouv.fr<") })
        func attr(_ name: String) -> Double { Double(line.components(separatedBy: "\(name)=\"")[1].prefix { $0 != "\"" })! }
        let (x0, x1, yMin) = (attr("xMin"), attr("xMax"), attr("yMin"))
        let qdf = try Fixture.run(Fixture.which("qpdf"), ["--qdf", "--object-streams=disable", try file("fr"), "-"]).out
        let object = try XCTUnwrap(qdf.components(separatedBy: "endobj").first { $0.contains("/URI (mailto:") })
        let rectText = try XCTUnwrap(object.components(separatedBy: "/Rect [").dropFirst().first)
        let rect = rectText.prefix { $0 != "]" }.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        XCTAssertEqual(rect.count, 4)
        let pageHeight = 841.89
        XCTAssertEqual(rect[0], x0, accuracy: 2)
        XCTAssertEqual(rect[2], x1, accuracy: 2)
        XCTAssertTrue(pageHeight - rect[3] <= yMin + 2 && pageHeight - rect[1] >= yMin, "link \(rect) vs word top \(yMin)")
    }

    func testALongCommuniqueRunsOnWithFooterAndPageNumbers() throws {
        let paragraph = "      - {fr: \"Les ministres ont également échangé sur la coopération internationale, la sécurité des réseaux et la protection des données personnelles, dans le respect des valeurs communes du G7.\", en: \"The ministers also discussed international cooperation, network security and the protection of personal data, in keeping with the shared values of the G7.\"}\n"
        let path = try Fixture.exampleVariant("\n# The next event this meeting prepares.\n",
                                              with: "\nbody:\n" + String(repeating: paragraph, count: 12) + "\n# The next event this meeting prepares.\n")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let built = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["communique"], outputFolder: folder, created: Self.epoch))
        let pdf = try XCTUnwrap(built.first)
        XCTAssertEqual(pdf.pages, 2)
        XCTAssertEqual(try Self.problems(pdf.file.path), [])
        for page in 1...2 {
            let text = try Fixture.run(Fixture.which("pdftotext"), ["-f", "\(page)", "-l", "\(page)", pdf.file.path, "-"]).out
                .replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
            XCTAssertTrue(text.contains("Communiqué de presse N°22 · Paris, le 15 mai 2019 · \(page) / 2"), "page \(page):\n\(text)")
        }
        let second = try Fixture.run(Fixture.which("pdftotext"), ["-f", "2", "-l", "2", pdf.file.path, "-"]).out
        XCTAssertTrue(second.contains("Contacts presse"), "the contact block ends the communiqué")
    }

    func testACharacterNoFontHasIsNamedAtItsField() throws {
        let path = try Fixture.exampleVariant("**Cédric O**, secrétaire", with: "**Cédric O** (ᱚᱛ), secrétaire")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let d = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: path, outputFolder: folder, created: Self.epoch)) }
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertEqual(d.first?.path, "lead")
        XCTAssertEqual(d.first?.mark.file, path)
        XCTAssertTrue(d.first?.message.contains("U+1C5A") ?? false, "\(d)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(folder.lastPathComponent)/communique.en.pdf").path),
                       "nothing is written when one document fails")
    }

    func testSameInputsGiveTheSameBytes() throws {
        let again = Fixture.temporaryFolder()
        let second = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: Fixture.example.path, outputFolder: again, created: Self.epoch))
        XCTAssertEqual(second.count, Self.built.count)
        for f in second {
            // Nothing of the build machine inside: no path, no temporary folder, no user.
            let bytes = String(decoding: try Data(contentsOf: f.file), as: UTF8.self)
            for leak in [Fixture.repository.path, NSTemporaryDirectory(), "/root", "/home/"] { XCTAssertFalse(bytes.contains(leak), "\(leak) in \(f.file.lastPathComponent)") }
        }
        for (a, b) in zip(Self.built, second) {
            XCTAssertEqual(try Data(contentsOf: a.file), try Data(contentsOf: b.file), a.file.lastPathComponent)
        }
    }
}
