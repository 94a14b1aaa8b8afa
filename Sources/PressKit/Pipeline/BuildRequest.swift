import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// What to build: a meeting file, which languages and layouts, where to write, and the date to stamp.
public struct BuildRequest: Sendable {
    public var meetingPath: String
    /// Languages to build; nil for every language of the meeting file.
    public var languages: [String]?
    /// Layouts to build; nil for the meeting file's `documents`.
    public var layouts: [String]?
    /// Output folder; the meeting's PDFs go in a subfolder named after the meeting folder.
    public var outputFolder: URL
    public var created: Date
    /// Whether a translation confirmed against an older source text stops the build (else a warning).
    public var strictTranslations = false
    /// One PDF in two languages for every layout, overriding the meeting file's `bilingual:`.
    public var bilingual: BilingualMode?
    /// Skip documents whose inputs have not changed since the last build into the same folder.
    public var incremental = false
    /// Whether `created` is fixed (SOURCE_DATE_EPOCH), so that it counts as an input.
    public var dateIsFixed = false
    /// Rendering threads; all cores when nil.
    public var workers: Int?
    /// When set, a missing translation takes the source language's text, with a warning (else an error).
    public var fallbackToSource = false
    /// More folders images may come from, besides the meeting's folder and presskit's Assets/ (`--root`).
    public var roots: [URL] = []
    /// The theme to draw in, overriding the meeting file's `theme:` (`--theme`).
    public var theme: String?
    /// More folders fonts may come from, besides the meeting's `fonts/` and presskit's `Assets/fonts` (`--font-path`).
    public var fontFolders: [URL] = []

    public init(meetingPath: String, languages: [String]? = nil, layouts: [String]? = nil,
                outputFolder: URL = URL(fileURLWithPath: "Dist"), created: Date = Date()) {
        self.meetingPath = meetingPath; self.languages = languages; self.layouts = layouts
        self.outputFolder = outputFolder; self.created = created
    }

    /// The creation date from SOURCE_DATE_EPOCH (seconds since 1970), for reproducible builds; now when unset.
    public static func sourceDate(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date {
        try sourceDateIfSet(environment) ?? Date()
    }

    /// The date from SOURCE_DATE_EPOCH, or nil when it is not set.
    public static func sourceDateIfSet(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        guard let raw = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(raw.trimmingBlanks()), seconds >= 0, seconds < 253_402_300_800 else {
            throw DiagnosticError(Diagnostic(at: .file("SOURCE_DATE_EPOCH"), "expected a number of seconds since 1970, found \"\(raw)\"",
                                             hint: "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it"))
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// How two language versions of a document share one PDF.
public enum BilingualMode: String, Sendable, CaseIterable {
    /// Two columns, the source language on the left, each pair of blocks level.
    case sideBySide = "side-by-side"
    /// The whole document in the first language, then in the second.
    case sequential
    /// One PDF per language.
    case none
}

/// One PDF made by a build.
public struct BuiltFile: Sendable {
    public var file: URL
    public var layout: String
    public var language: String
    public var pages: Int
    public var bytes: Int
    public var seconds: Double
    /// The typographic report of the laid-out document.
    public var report: TypographicReport {
        get { reportSource.report }
        set { reportSource = LazyReport(newValue) }
    }
    /// The report, or the JSON it was kept as, read when first asked for.
    var reportSource: LazyReport
    /// Problems that did not stop the build.
    public var warnings: [Diagnostic]
    /// Whether the file was left as it was because nothing it depends on changed.
    public var unchanged = false

    init(file: URL, layout: String, language: String, pages: Int, bytes: Int, seconds: Double, reportSource: LazyReport,
         warnings: [Diagnostic], unchanged: Bool = false) {
        self.file = file; self.layout = layout; self.language = language; self.pages = pages; self.bytes = bytes
        self.seconds = seconds; self.reportSource = reportSource; self.warnings = warnings; self.unchanged = unchanged
    }

    init(file: URL, layout: String, language: String, pages: Int, bytes: Int, seconds: Double, report: TypographicReport,
         warnings: [Diagnostic], unchanged: Bool = false) {
        self.init(file: file, layout: layout, language: language, pages: pages, bytes: bytes, seconds: seconds,
                  reportSource: LazyReport(report), warnings: warnings, unchanged: unchanged)
    }
}
