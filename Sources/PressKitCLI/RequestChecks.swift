import Foundation
import PressKit

/// Command-line requests refused before anything is built, with a message that says what to type instead.
enum RequestChecks {
    /// The output folder named by `--out`, refused when it is an existing file rather than a folder.
    static func outputFolder(_ path: String) throws -> URL {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw DiagnosticError(Diagnostic(at: .commandLine, "--out names a file, not a folder: \(path)",
                                             hint: "name a folder (presskit creates it when missing); the PDFs go in OUT/<meeting folder>/"))
        }
        return URL(fileURLWithPath: path)
    }

    /// Refuses `--bilingual side-by-side|sequential` when the build has more than two languages (the request's,
    /// else the meeting file's), rather than pairing the first two without a word.
    static func bilingual(_ mode: BilingualMode?, languages: [String]?, meetingPath: String) throws {
        guard let mode, mode != .none else { return }
        guard let languages = languages ?? (try? Meeting.load(meetingPath))?.languages, languages.count > 2 else { return }
        throw DiagnosticError(Diagnostic(at: .commandLine,
                                         "--bilingual pairs two languages; this build has \(languages.joined(separator: ", ")): add --lang \(languages.prefix(2).joined(separator: ","))",
                                         hint: "the first language named goes \(mode == .sideBySide ? "on the left" : "first")"))
    }
}
