import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// What a build made: the PDFs (written or left unchanged) and the warnings about the meeting file as a
/// whole; each file carries its own warnings too. It is the collection of its files.
public struct BuildResult: RandomAccessCollection, Sendable {
    public var files: [BuiltFile]
    /// Warnings about the meeting file as a whole (stale translations), repeated by every build.
    public var warnings: [Diagnostic]

    public init(files: [BuiltFile], warnings: [Diagnostic]) { self.files = files; self.warnings = warnings }

    public var startIndex: Int { files.startIndex }
    public var endIndex: Int { files.endIndex }
    public subscript(position: Int) -> BuiltFile { files[position] }

    /// Every warning: the meeting file's, then each file's.
    public var allWarnings: [Diagnostic] { warnings + files.flatMap(\.warnings) }
}
