import Foundation
import PressKit

/// Which field of the meeting data a place in the meeting file holds: `meeting.title.fr` for the line
/// and column where that text is written. Made from the data after each good build; the preview names
/// the field of whatever is clicked on a page.
public struct SourceIndex: Sendable {
    /// A place on a page with its origin, as `/map/…json` gives it.
    public struct Place: Codable, Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public var file: String
        public var line: Int
        public var column: Int
        public var field: String?
    }

    struct Key: Hashable { var file: String; var line: Int; var column: Int }
    private(set) var entries: [Key: String]

    init(entries: [Key: String]) { self.entries = entries }

    /// Every value of `data` by its place, with its path.
    public init(_ data: Value) {
        var entries: [Key: String] = [:]
        func walk(_ value: Value, path: String) {
            let key = Key(file: value.mark.file, line: value.mark.line, column: value.mark.column)
            // The deepest path wins: a map's place is its first key's, whose value is more precise.
            entries[key] = path
            for (language, mark) in value.languageMarks {
                entries[Key(file: mark.file, line: mark.line, column: mark.column)] = path.isEmpty ? language : "\(path).\(language)"
            }
            switch value.kind {
            case .map(let members):
                for member in members { walk(member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)") }
            case .list(let items):
                for (i, item) in items.enumerated() { walk(item, path: "\(path)[\(i)]") }
            default: break
            }
        }
        walk(data, path: "")
        self.entries = entries
    }

    /// The field written at `mark`, if a field is written there.
    public func field(at mark: SourceMark) -> String? {
        entries[Key(file: mark.file, line: mark.line, column: mark.column)].flatMap { $0.isEmpty ? nil : $0 }
    }
}
