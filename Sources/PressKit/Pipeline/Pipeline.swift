import Foundation

/// Runs a build from meeting file to PDFs. Every PDF is made in memory first; files are written only
/// when all of them succeeded, each atomically, so a failed build leaves the previous PDFs as they were.
public final class Pipeline {
    public let home: ToolHome
    private var fontLibrary: FontLibrary?
    private var unitShaper: UnitShaper?
    /// Where system fonts are looked for (tests point it elsewhere to see a missing font).
    public var systemRoot = "/"
    /// Warnings about the meeting file as a whole from the last build (stale translations).
    public private(set) var meetingWarnings: [Diagnostic] = []

    public init(home: ToolHome) { self.home = home }

    /// The fonts, loaded once per process.
    public func fonts(languages: [String] = []) throws -> FontLibrary {
        if let f = fontLibrary { return f }
        let f = try FontLibrary(folder: home.fonts, languages: languages)
        fontLibrary = f
        return f
    }

    /// Loads and checks everything a build needs, and builds the documents, without fonts or files.
    public func documents(for request: BuildRequest) throws -> (Meeting, [(layout: String, language: String, document: Document)]) {
        let meeting = try Meeting.load(request.meetingPath)
        var errors: [Diagnostic] = []
        let translations = TranslationStatus(meeting, ledger: try TranslationLedger.load(for: request.meetingPath))
        let stale = translations.diagnostics(strict: request.strictTranslations)
        if request.strictTranslations { errors += stale }
        meetingWarnings = request.strictTranslations ? [] : stale
        let languages = request.languages ?? meeting.languages
        for lang in languages {
            if let problem = FontLibrary.systemFontProblem(for: lang, root: systemRoot) {
                errors.append(Diagnostic(at: meeting.data["languages"]?.mark ?? .file(meeting.source.path), path: "languages", problem,
                                         hint: "or leave \(lang) out of this build with --lang"))
            }
        }
        for lang in languages where !meeting.languages.contains(lang) {
            errors.append(Diagnostic(at: meeting.data["languages"]?.mark ?? .file(meeting.source.path), path: "languages",
                                     "the language `\(lang)` was asked for but is not listed",
                                     hint: "the file lists: " + meeting.languages.joined(separator: ", ")))
        }
        let library = LayoutLibrary(meetingFolder: meeting.folder, builtIn: home.layouts)
        let documentMarks = meeting.data["documents"]?.elements ?? []
        var layouts: [Layout] = []
        for (i, name) in (request.layouts ?? meeting.documents).enumerated() {
            do {
                layouts.append(try library.load(name, requestedAt: request.layouts == nil ? documentMarks[safe: i]?.mark : nil))
            } catch let e as DiagnosticError { errors += e.diagnostics }
        }
        var localized: [LocalizedMeeting] = []
        for lang in languages where meeting.languages.contains(lang) {
            do { localized.append(try LocalizedMeeting(meeting, language: lang)) } catch let e as DiagnosticError { errors += e.diagnostics }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        var out: [(String, String, Document)] = []
        let assets = [meeting.folder, home.assets]
        for layout in layouts {
            for m in localized {
                do {
                    var builder = try DocumentBuilder(layout: layout, meeting: m, assetFolders: assets)
                    out.append((layout.name, m.language, try builder.build()))
                } catch let e as DiagnosticError { errors += e.diagnostics }
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        return (meeting, out)
    }

    /// Builds every requested PDF and writes them into the output folder.
    public func build(_ request: BuildRequest) throws -> [BuiltFile] {
        let (meeting, documents) = try documents(for: request)
        let fonts = try fonts(languages: meeting.languages)
        let units = unitShaper ?? UnitShaper(fonts: fonts)
        unitShaper = units
        var made: [(URL, Data, BuiltFile)] = []
        var errors: [Diagnostic] = []
        let folder = request.outputFolder.appendingPathComponent(meeting.name)
        // Each layout is built per language, or as one bilingual PDF when the request or the meeting file says so.
        var jobs: [(name: String, layout: String, parts: [Document], mode: BilingualMode?)] = []
        for layout in documents.map(\.layout).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let versions = documents.filter { $0.layout == layout }
            var mode = request.bilingual
            if mode == nil, let raw = meeting.data["bilingual"]?[layout] {
                guard let parsed = BilingualMode(rawValue: raw.text ?? "") else {
                    errors.append(Diagnostic(at: raw.mark, path: "bilingual.\(layout)", "expected side-by-side, sequential or none, found \"\(raw.text ?? "")\""))
                    continue
                }
                mode = parsed
            }
            if let mode, mode != .none, versions.count >= 2 {
                let pair = Array(versions.prefix(2))
                jobs.append(("\(layout).\(pair[0].language)-\(pair[1].language)", layout, pair.map(\.document), mode))
            } else {
                for v in versions { jobs.append(("\(layout).\(v.language)", layout, [v.document], nil)) }
            }
        }
        for job in jobs {
            let start = Date()
            do {
                let shaper = PangoShaper(fonts: fonts, units: units)
                for part in job.parts { shaper.exceptions.merge(part.hyphenation) { a, _ in a } }
                let paginator = Paginator(shaper: shaper)
                let paged: PagedDocument
                switch job.mode {
                case .sideBySide?: paged = try paginator.layoutSideBySide(job.parts[0], job.parts[1])
                case .sequential?:
                    paged = try paginator.layoutSequential(job.parts, continuous: job.parts[0].page.continuousNumbering,
                                                           partTitles: job.parts.map { LanguageNames.native($0.info.language) })
                default: paged = try paginator.layout(job.parts[0])
                }
                let pdf = try PDFRenderer.render(paged, created: request.created)
                let file = folder.appendingPathComponent("\(job.name).pdf")
                let report = TypographicReport(document: job.name, paged: paged, warnings: shaper.warnings,
                                               substitutions: shaper.substitutions.sorted())
                made.append((file, pdf, BuiltFile(file: file, layout: job.layout, language: job.parts.map(\.info.language).joined(separator: "-"),
                                                  pages: paged.pages.count, bytes: pdf.count, seconds: Date().timeIntervalSince(start),
                                                  report: report, warnings: Self.unique(shaper.warnings))))
            } catch let e as DiagnosticError {
                errors += e.diagnostics
            } catch let e as FlowError {
                errors.append(Diagnostic(at: .file(meeting.source.path), "\(job.name): \(e.message)"))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        for (file, data, _) in made { try AtomicWriter.write(data, to: file) }
        return made.map(\.2)
    }

    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
