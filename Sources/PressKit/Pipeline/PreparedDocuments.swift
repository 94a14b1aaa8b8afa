import Foundation

/// What a build has once its files are read, checked and built, before anything is laid out: the meeting,
/// each layout's document in each language, the layouts used, and the warnings found so far.
public struct PreparedDocuments {
    public var meeting: Meeting
    /// One document per layout and language, in build order.
    public var documents: [(layout: String, language: String, document: Document)]
    /// The layouts loaded, by name.
    public var layouts: [String: Layout]
    /// Problems that did not stop the build (stale translations, fallbacks, invisible characters).
    public var warnings: [Diagnostic]
}

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
