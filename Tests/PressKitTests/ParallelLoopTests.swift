import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument

/// A single document's long `each` loops are built on two threads (issue 16): the document must be the one
/// built in order, block for block, with its headings numbered in reading order; when the halves cannot be
/// joined (a list continuing the numbering of the first half, a problem found), the loop is built again in
/// order, with the same messages.
final class ParallelLoopTests: XCTestCase {
    /// A meeting of about 12 pages (its first theme's body holds some 50 paragraphs) with a layout `loops` whose
    /// body is `body`; the document built with and without two threads, and how many loops took two.
    func build(_ body: String) throws -> (inOrder: Result<Document, Error>, parallel: Result<Document, Error>, loops: Int) {
        let generated = MeetingGenerator.meeting(basedOn: try String(contentsOf: Fixture.example, encoding: .utf8), pages: 12)
        let folder = Fixture.exampleFolderCopy()
        let path = folder.appendingPathComponent("meeting.yaml")
        try generated.replacingOccurrences(of: "documents: [", with: "documents: [loops, ").write(to: path, atomically: true, encoding: .utf8)
        let layouts = folder.appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        try """
            description: long loops
            page: {size: A4, margins: {top: 20mm, right: 20mm, bottom: 20mm, left: 20mm}}
            styles:
              body: {font: $fonts.text, size: 9pt, leading: 12pt}
              heading: {font: $fonts.heading, size: 11pt, leading: 13pt}
              contents: {font: $fonts.text, size: 9pt, leading: 12pt}
              list-item: {font: $fonts.text, size: 9pt, leading: 12pt}
            body:
            \(body)
            """.write(to: layouts.appendingPathComponent("loops.yaml"), atomically: true, encoding: .utf8)
        let meeting = try Meeting.load(path.path)
        let localized = try LocalizedMeeting(meeting, language: "fr")
        var library = LayoutLibrary(meetingFolder: folder, builtIn: Fixture.home.layouts)
        library.theme = try library.loadTheme(Theme.defaultName)
        let layout = try library.load("loops")
        var loops = 0
        func document(parallel: Bool) -> Result<Document, Error> {
            Result {
                var builder = try DocumentBuilder(layout: layout, meeting: localized, assetFolders: [folder, Fixture.home.assets])
                builder.parallel = parallel
                defer { if parallel { loops = builder.loopsBuiltInParallel } }
                return try builder.build()
            }
        }
        return (document(parallel: false), document(parallel: true), loops)
    }

    /// A layout body of one loop over the first theme's paragraphs, each item's blocks `blocks` (YAML,
    /// indented for the loop's `blocks`).
    func loop(_ blocks: String) -> String {
        """
              - each:
                  in: themes[0].body
                  as: para
                  blocks:
            \(blocks)
            """
    }

    func testALongLoopWithHeadingsIsTheLoopBuiltInOrder() throws {
        let built = try build("""
              - contents: {levels: 2}
              - each:
                  in: themes[0].body
                  as: para
                  blocks:
                    - heading: {text: "{para}", level: 2}
                    - paragraph: "{para}"
                    - keep:
                        - heading: {text: "Encadré", level: 2}
                        - paragraph: "{para}"
              - heading: {text: "Fin", level: 1}
            """)
        XCTAssertEqual(built.loops, 1, "the loop of some 50 items was built on two threads")
        let inOrder = try built.inOrder.get(), parallel = try built.parallel.get()
        XCTAssertEqual(parallel.dump(), inOrder.dump())
        XCTAssertEqual(parallel.outline.map(\.anchor), inOrder.outline.map(\.anchor))
        // Headings in reading order: h1, h2… once each, the last one after the loop.
        XCTAssertEqual(parallel.outline.map(\.anchor), (1...parallel.outline.count).map { "h\($0)" })
        XCTAssertGreaterThanOrEqual(parallel.outline.count, 101, "two headings an item and the last")
        guard case .tableOfContents(let entries)? = parallel.blocks.first else { return XCTFail("the contents come first") }
        XCTAssertEqual(entries.map(\.anchor), parallel.outline.map(\.anchor), "the contents list every heading, in order")
    }

    func testAListContinuingTheFirstHalfsNumberingIsBuiltInOrder() throws {
        let built = try build(loop("""
                    - paragraph: "{para}"
                    - list: {each: themes, as: theme, text: "{theme.title}", numbered: true, continue: true}
            """))
        XCTAssertEqual(built.loops, 0, "the second half cannot know where its numbers start")
        let parallel = try built.parallel.get()
        XCTAssertEqual(parallel.dump(), try built.inOrder.get().dump())
        guard case .list(let items, _)? = parallel.blocks.last else { return XCTFail("the last block is a list") }
        // One paragraph and one list of the themes an item: the numbers run on across the items.
        let paragraphs = parallel.blocks.filter { if case .paragraph = $0 { return true }; return false }.count
        XCTAssertGreaterThanOrEqual(paragraphs, 50)
        XCTAssertEqual(items.last?.marker, "\(paragraphs * items.count).", "numbered on from the first item to the last")
    }

    func testAProblemInTheLoopIsReportedAsInOrder() throws {
        let built = try build(loop("""
                    - paragraph: {text: "{para}", style: missing-style}
                    - paragraph: "{para.nothing}"
            """))
        XCTAssertThrowsError(try built.inOrder.get())
        func messages(_ result: Result<Document, Error>) -> [String] {
            guard case .failure(let error as DiagnosticError) = result else { return [] }
            return error.diagnostics.map { "\($0)" }
        }
        XCTAssertFalse(messages(built.inOrder).isEmpty)
        XCTAssertEqual(messages(built.parallel), messages(built.inOrder))
    }
}
