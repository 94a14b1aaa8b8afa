import ArgumentParser
import Foundation
import PressKit

/// The options of a build that writes PDFs, shared by `build` and `watch`: the selection, where to write,
/// the bilingual mode and the rendering threads.
struct BuildOptions: ParsableArguments {
    @OptionGroup var selection: SelectionOptions

    @Option(name: .customLong("out"), help: "Output folder; - writes the one PDF built to standard output (build only).")
    var output: String = "Dist"

    @Option(name: .customLong("bilingual"), help: "One PDF in two languages: side-by-side, sequential, or none (overrides the meeting file); with more than two languages, name the pair with --lang.")
    var bilingual: BilingualMode?

    @Option(help: "Rendering threads (default: one per core).")
    var jobs: Int?

    /// The request for `meeting` dated `created`; refused with a diagnostic when --out names a file or when
    /// --bilingual meets more than two languages.
    func request(meeting: String, created: Date) throws -> BuildRequest {
        var request = selection.request(meeting: meeting)
        request.outputFolder = try RequestChecks.outputFolder(output)
        try RequestChecks.bilingual(bilingual, languages: request.languages, meetingPath: meeting)
        request.bilingual = bilingual
        request.workers = jobs
        request.created = created
        return request
    }
}

extension BilingualMode: ExpressibleByArgument {}
