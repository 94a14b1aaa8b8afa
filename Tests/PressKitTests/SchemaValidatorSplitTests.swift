import XCTest
@testable import PressKit
@testable import PressKitModel

/// A long list's items are validated on two threads (`SchemaValidator.parallel`): the value and the problems,
/// in their order, must be those of the items validated one after the other.
final class SchemaValidatorSplitTests: XCTestCase {
    /// A meeting whose first theme's body holds about 640 paragraphs, well over `parallelItems`.
    func longMeeting() throws -> String {
        try MeetingGenerator.meeting(basedOn: try String(contentsOf: Fixture.example, encoding: .utf8), pages: 130, distinct: true)
    }

    func validate(_ text: String, parallel: Bool) throws -> (value: String, problems: [String]) {
        let source = try YAMLSource.parse(text, path: "meeting.yaml")
        var validator = SchemaValidator(file: source.path)
        validator.parallel = parallel
        let value = validator.validate(source.root, MeetingSchema.meeting, path: "")
        return (value.map(Self.written) ?? "", validator.diagnostics.map { "\($0.mark) \($0.path) \($0.message)" })
    }

    /// A value written out whole, with its places in the file (per-language texts in the order of their codes).
    static func written(_ value: Value) -> String {
        let at = "@\(value.mark.line):\(value.mark.column)"
        switch value.kind {
        case .text(let s): return "\(at) \(s)"
        case .localized(let texts): return at + texts.keys.sorted().map { " \($0)=\(texts[$0]!) \(value.languageMarks[$0].map { "\($0.line)" } ?? "")" }.joined()
        case .integer(let i): return "\(at) \(i)"
        case .boolean(let b): return "\(at) \(b)"
        case .day(let d): return "\(at) \(d)"
        case .list(let items): return "\(at) [" + items.map(written).joined(separator: ", ") + "]"
        case .map(let pairs): return "\(at) {" + pairs.map { "\($0.key): " + written($0.value) }.joined(separator: ", ") + "}"
        }
    }

    func testALongListSplitGivesTheValueOfOneAfterTheOther() throws {
        let text = try longMeeting()
        XCTAssertGreaterThan(text.components(separatedBy: "      - fr: >-").count, 2 * SchemaValidator.parallelItems)
        let split = try validate(text, parallel: true), inOrder = try validate(text, parallel: false)
        XCTAssertEqual(split.problems, [])
        XCTAssertFalse(split.value.isEmpty)
        XCTAssertTrue(split.value == inOrder.value, "the same value, item for item")
    }

    func testALongListSplitReportsTheSameProblemsInTheSameOrder() throws {
        // Items that are not texts, in both halves: the 3rd, the 400th and the 600th paragraph.
        var lines = try longMeeting().components(separatedBy: "\n")
        let items = lines.indices.filter { lines[$0] == "      - fr: >-" }
        for k in [2, 399, 599] { lines[items[k]] = "      - [not, a, text]" ; lines[items[k] + 1] = "      - fr: >-" }
        let text = lines.joined(separator: "\n")
        let split = try validate(text, parallel: true), inOrder = try validate(text, parallel: false)
        XCTAssertEqual(split.problems.count, 3, split.problems.joined(separator: "\n"))
        XCTAssertEqual(split.problems, inOrder.problems)
        XCTAssertEqual(split.value, "", "no value for a file with errors")
    }
}
