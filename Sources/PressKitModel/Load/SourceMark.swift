// Load: reads meeting files and layouts into validated value trees that remember where each value came from.
import Foundation

/// A place in a source file: path as the user gave it, 1-based line and column.
public struct SourceMark: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// No file and no line: a problem with the command line itself, printed as `error: message`.
    public static let commandLine = SourceMark(file: "", line: 0, column: 0)

    /// A mark for a whole file, when no finer place is known.
    public static func file(_ path: String) -> SourceMark { SourceMark(file: path, line: 1, column: 1) }

    public var description: String { "\(file):\(line):\(column)" }
}
