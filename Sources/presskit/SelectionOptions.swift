import ArgumentParser
import Foundation
import PressKit

/// What goes into a build: languages, layouts, image folders, fallback and strictness. Shared by `build`, `watch`
/// and `check`, so that what check accepts is what build would build.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Only these languages: --lang fr, --lang fr,en or --lang fr --lang en.")
    var languages: [String] = []

    @Option(name: .customLong("layout"), help: "Only these layouts, instead of the file's `documents` (commas or repeats, like --lang).")
    var layouts: [String] = []

    @Option(name: .customLong("root"), help: "Another folder images may come from (paths in the meeting file stay relative to it).")
    var roots: [String] = []

    @Option(name: .customLong("theme"), help: "Draw every document in this theme (a file of Layouts/themes/), instead of the meeting file's `theme:`.")
    var theme: String?

    @Option(name: .customLong("font-path"), help: "Another folder fonts may come from, besides the meeting's fonts/ and presskit's Assets/fonts.")
    var fontPaths: [String] = []

    @Flag(name: .customLong("fallback"), help: "Use the source language's text where a translation is missing, with a warning (else an error).")
    var fallback = false

    @Flag(name: .customLong("strict-translations"), help: "Refuse to build when a translation was confirmed against an older source text.")
    var strictTranslations = false

    /// The request for `meeting` with these choices; output folder, date and mode are left at their defaults.
    func request(meeting: String) -> BuildRequest {
        var request = BuildRequest(meetingPath: meeting, languages: CommaList.values(languages), layouts: CommaList.values(layouts))
        request.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL }
        request.theme = theme
        request.fontFolders = fontPaths.map { URL(fileURLWithPath: $0).standardizedFileURL }
        request.fallbackToSource = fallback
        request.strictTranslations = strictTranslations
        return request
    }
}
