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

    @OptionGroup var look: LookOptions

    @Flag(name: .customLong("fallback"), help: "Use the source language's text where a translation is missing, with a warning (else an error).")
    var fallback = false

    @Flag(name: .customLong("strict-translations"), help: "Refuse to build when a translation was confirmed against an older source text.")
    var strictTranslations = false

    /// The request for `meeting` with these choices; output folder, date and mode are left at their defaults.
    func request(meeting: String) -> BuildRequest {
        var request = BuildRequest(meetingPath: meeting, languages: CommaList.values(languages), layouts: CommaList.values(layouts))
        request.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL }
        look.apply(to: &request)
        request.fallbackToSource = fallback
        request.strictTranslations = strictTranslations
        return request
    }
}
