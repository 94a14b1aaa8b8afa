import Foundation
import PressKit

/// What `build --format json` prints.
struct BuildSummary: Encodable {
    /// One PDF of the build.
    struct File: Encodable {
        var path: String, layout: String, language: String, pages: Int, bytes: Int, milliseconds: Int, unchanged: Bool
        var report: TypographicReport
        /// The entry of a built file.
        init(_ f: BuiltFile) {
            path = f.file.path; layout = f.layout; language = f.language; pages = f.pages; bytes = f.bytes
            milliseconds = Int(f.seconds * 1000); unchanged = f.unchanged; report = f.report
        }
    }
    var files: [File]
    var written: Int, unchanged: Int, milliseconds: Int
    /// Why nothing was written (empty when the build succeeded), and the warnings.
    var errors: [DiagnosticRecord], warnings: [DiagnosticRecord]

    /// The summary as pretty-printed JSON with sorted keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
