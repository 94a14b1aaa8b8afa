import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Entry points for fuzzing (libFuzzer, `Sources/presskit-fuzz`) and for replaying what a fuzzer found in the
/// test suite: any input must end in a result or in diagnostics, never in a crash or a hang.
public enum FuzzTargets {
    /// Loads a meeting file from bytes: YAML, validation, localization in its languages.
    public static func load(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8),
              let source = try? YAMLSource.parse(text, path: "fuzz.yaml"),
              let value = try? Meeting.validate(source, against: MeetingSchema.meeting) else { return }
        let meeting = Meeting(data: value, source: source, folder: URL(fileURLWithPath: NSTemporaryDirectory()), name: "fuzz")
        for language in meeting.languages.prefix(4) { _ = try? LocalizedMeeting(meeting, language: language) }
    }

    /// Builds the communiqué of a meeting given as bytes, on pages of a fixed small size, into memory.
    public static func build(_ data: Data, home: ToolHome, pipeline: Pipeline) {
        guard let text = String(data: data, encoding: .utf8) else { return }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("presskit-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("meeting.yaml")
        guard (try? text.write(to: file, atomically: false, encoding: .utf8)) != nil,
              let documents = try? pipeline.documents(for: BuildRequest(meetingPath: file.path, layouts: ["communique"])).documents,
              let fonts = try? pipeline.fonts() else { return }
        var paginator = Paginator(shaper: PangoShaper(fonts: fonts))
        paginator.maximumPages = 20
        for (_, _, document) in documents.prefix(2) {
            guard let paged = try? paginator.layout(document) else { continue }
            _ = try? PDFRenderer.render(paged, created: Date(timeIntervalSince1970: 0))
        }
    }
}
