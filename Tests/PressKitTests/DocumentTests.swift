import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Document layer: the block tree a layout builds, compared with golden files; layouts as files.
final class DocumentTests: XCTestCase {
    func document(_ meetingPath: String = Fixture.example.path, layout: String = "communique", language: String) throws -> Document {
        let docs = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: meetingPath, languages: [language], layouts: [layout])).documents
        return try XCTUnwrap(docs.first?.document)
    }

    func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Fixture.assertGolden(text, name, file: file, line: line)
    }

    func testCommuniqueFrenchTree() throws {
        try assertGolden(try document(language: "fr").dump(), "communique.fr.txt")
    }

    func testCommuniqueEnglishTree() throws {
        try assertGolden(try document(language: "en").dump(), "communique.en.txt")
    }

    func testEveryTextFieldOfTheExampleIsInTheDocument() throws {
        for lang in ["fr", "en"] {
            let dump = try document(language: lang).dump()
            let meeting = try LocalizedMeeting(try Meeting.load(Fixture.example.path), language: lang)
            for path in ["meeting.title", "meeting.motto", "participants.groups[1].summary", "themes[0].summary", "themes[2].summary",
                         "quotes[0].text", "contacts[0].email", "issuers[1].name"] {
                var scope = Scope(data: meeting.data, language: lang)
                scope.locals = [:]
                let raw = try XCTUnwrap(scope.lookup(path)?.text, path)
                // Compare word by word: typography changes spaces and quotes, not words.
                let words = raw.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "\"" }).prefix(6).map { $0.replacingOccurrences(of: "*", with: "") }
                let flat = dump.replacingOccurrences(of: "’", with: " ").replacingOccurrences(of: "*", with: "").uppercased()
                for w in words where w.count > 2 && !w.contains(":") && !w.contains(";") {
                    XCTAssertTrue(flat.contains(w.uppercased()), "\(lang) \(path): \(w) missing")
                }
            }
        }
    }

    func testAJSONMeetingFileBuildsTheSameDocument() throws {
        let folder = Fixture.exampleFolderCopy()
        try FileManager.default.copyItem(at: Fixture.folder.appendingPathComponent("meeting.json"), to: folder.appendingPathComponent("meeting.json"))
        let fromJSON = try document(folder.appendingPathComponent("meeting.json").path, language: "fr").dump()
        XCTAssertEqual(fromJSON, try document(language: "fr").dump())
    }

    /// A new kind of document, written as a layout file only (a media advisory that ships in the fixtures).
    func testANewDocumentKindNeedsOnlyALayoutFile() throws {
        let folder = Fixture.exampleFolderCopy()
        try FileManager.default.copyItem(at: Fixture.folder.appendingPathComponent("advisory/Layouts"), to: folder.appendingPathComponent("Layouts"))
        let meeting = folder.appendingPathComponent("meeting.yaml")
        try String(contentsOf: Fixture.example, encoding: .utf8).replacingOccurrences(of: "documents: [communique, press-kit, presidency-summary]", with: "documents: [note-aux-redactions]")
            .write(to: meeting, atomically: true, encoding: .utf8)
        let fr = try document(meeting.path, layout: "note-aux-redactions", language: "fr").dump()
        XCTAssertTrue(fr.contains("NOTE AUX RÉDACTIONS"), fr)
        XCTAssertTrue(fr.contains("P Inter 10.0pt left: 15·mai 2019"), fr)
        XCTAssertTrue(fr.contains("semibold left: ACCRÉDITATIONS"), fr)
        XCTAssertTrue(fr.contains("s’accréditer"), fr)
        let en = try document(meeting.path, layout: "note-aux-redactions", language: "en").dump()
        XCTAssertTrue(en.contains("MEDIA ADVISORY"), en)
        // It builds to a PDF like any built-in layout.
        let files = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: meeting.path, outputFolder: folder.appendingPathComponent("out")))
        XCTAssertEqual(files.map(\.file.lastPathComponent), ["note-aux-redactions.fr.pdf", "note-aux-redactions.en.pdf"])
        XCTAssertTrue(files.allSatisfy { $0.pages == 1 })
    }

    func testALayoutErrorNamesTheLayoutFileAndField() throws {
        let folder = Fixture.temporaryFolder()
        let layouts = folder.appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        try """
        description: broken
        page: {margins: {top: 20mm, right: 20mm, bottom: 20mm, left: 20mm}}
        styles: {body: {size: 10pt}}
        body:
          - paragraph: {text: "{meeting.titel}"}
          - paragraph: {text: "x", style: bodi}
          - paragraf: "x"
        """.write(to: layouts.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        try String(contentsOf: Fixture.example, encoding: .utf8).write(to: folder.appendingPathComponent("meeting.yaml"), atomically: true, encoding: .utf8)
        let d = Fixture.diagnostics {
            _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: folder.appendingPathComponent("meeting.yaml").path, layouts: ["broken"]))
        }
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertEqual(d.first?.message, "unknown kind `paragraf`")
        XCTAssertEqual(d.first?.hint, "did you mean `paragraph`?")
        XCTAssertTrue(d.first?.mark.file.hasSuffix("Layouts/broken.yaml") ?? false)
        XCTAssertEqual(d.first?.mark.line, 7)

        // Once the kind is fixed, the unknown field and the unknown style are both reported.
        let text = try String(contentsOf: layouts.appendingPathComponent("broken.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "paragraf", with: "paragraph").write(to: layouts.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let d2 = Fixture.diagnostics {
            _ = try Pipeline(home: Fixture.home).documents(for: BuildRequest(meetingPath: folder.appendingPathComponent("meeting.yaml").path, layouts: ["broken"]))
        }
        XCTAssertEqual(Set(d2.map(\.message)), ["the field `meeting.titel` is not in the data", "unknown style `bodi`"])
        XCTAssertEqual(d2.first { $0.message.hasPrefix("unknown style") }?.hint, "did you mean `body`?")
    }
}
