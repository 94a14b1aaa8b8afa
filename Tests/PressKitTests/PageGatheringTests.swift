import XCTest
@testable import PressKit
@testable import PressKitPDF

/// A long document's lines are gathered for Cairo on another thread, pages ahead of the one drawn
/// (`PageGathering`): the PDFs must be the ones drawn line by line, byte for byte, for every example
/// (links, passages in other languages, right-to-left names, spaced letters, hyphenated line ends, drafts).
final class PageGatheringTests: XCTestCase {
    static let epoch = Date(timeIntervalSince1970: 1_557_878_400)

    /// Every example built with `minimumPages` (1: every document gathered ahead; `Int.max`: none): the PDFs' bytes by name.
    func build(minimumPages: Int) throws -> [String: Data] {
        let saved = PageGathering.minimumPages
        PageGathering.minimumPages = minimumPages
        defer { PageGathering.minimumPages = saved }
        var pdfs: [String: Data] = [:]
        let examples = Fixture.repository.appendingPathComponent("Examples")
        for example in try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() {
            let meeting = examples.appendingPathComponent(example).appendingPathComponent("meeting.yaml")
            guard FileManager.default.fileExists(atPath: meeting.path) else { continue }
            let out = Fixture.temporaryFolder()
            for file in try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: meeting.path, outputFolder: out, created: Self.epoch)) {
                pdfs["\(example)/\(file.file.lastPathComponent)"] = try Data(contentsOf: file.file)
            }
        }
        return pdfs
    }

    /// A generated meeting's press kit of some thirty pages, gathered ahead (every page) and as drawn: the
    /// finisher's page scan runs on the idle thread in both (a document of 16 pages or more).
    func testALongDocumentGatheredAheadIsTheOneDrawnLineByLine() throws {
        let generated = MeetingGenerator.meeting(basedOn: try String(contentsOf: Fixture.example, encoding: .utf8), pages: 80, distinct: true)
        let folder = Fixture.exampleFolderCopy()
        let meeting = folder.appendingPathComponent("meeting.yaml")
        try generated.write(to: meeting, atomically: true, encoding: .utf8)
        func build(minimumPages: Int) throws -> (pages: Int, bytes: Data) {
            let saved = PageGathering.minimumPages
            PageGathering.minimumPages = minimumPages
            defer { PageGathering.minimumPages = saved }
            let request = BuildRequest(meetingPath: meeting.path, languages: ["fr"], layouts: ["press-kit"], outputFolder: Fixture.temporaryFolder(),
                                       created: Self.epoch)
            let built = try XCTUnwrap(try Pipeline(home: Fixture.home).build(request).first)
            return (built.pages, try Data(contentsOf: built.file))
        }
        let ahead = try build(minimumPages: 1), asDrawn = try build(minimumPages: Int.max)
        XCTAssertGreaterThanOrEqual(ahead.pages, 16, "long enough for the idle threads")
        XCTAssertEqual(ahead.pages, asDrawn.pages)
        XCTAssertTrue(ahead.bytes == asDrawn.bytes, "the same PDF, byte for byte")
    }

    func testGatheredAheadOrAsDrawnTheBytesAreTheSame() throws {
        let ahead = try build(minimumPages: 1)
        let asDrawn = try build(minimumPages: Int.max)
        XCTAssertGreaterThanOrEqual(ahead.count, 20, "the examples' documents")
        XCTAssertEqual(Set(ahead.keys), Set(asDrawn.keys))
        for (name, bytes) in ahead.sorted(by: { $0.key < $1.key }) { XCTAssertEqual(bytes, asDrawn[name], name) }
    }
}
