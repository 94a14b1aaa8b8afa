import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Runs a build from meeting file to PDFs. Every PDF is made in memory first; files are written only
/// when all of them succeeded, each atomically, so a failed build leaves the previous PDFs as they were.
public final class Pipeline {
    public let home: ToolHome
    private var context: TextContext?
    /// Text contexts of the other rendering threads, kept from build to build (watch, batches).
    private var workerContexts: [TextContext] = []
    /// The font library of the face check (`faceCheckLibrary`).
    var checkLibrary: FontLibrary?
    /// The font library being loaded on another thread for the sources a build most likely has.
    var prewarmedFonts: FontPrewarm?
    /// The lines the text contexts set, shared by all of them (made anew with them).
    private var paragraphs = ParagraphCache()
    /// The digests of the font files and dictionaries the text contexts were made from.
    private var contextResources: String?
    /// Digests of fonts, dictionaries and images computed by this process, reused by its later builds.
    private lazy var digests = DigestMemory(store: home.digestStore)
    /// Called after each document is rendered with the number done and the number to do (for a progress line).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Where system fonts are looked for (tests point it elsewhere to see a missing font).
    public var systemRoot = "/"
    /// Keeps the pages of every document this pipeline lays out and draws (the live preview); nil: none kept.
    public var pageKeeper: PageKeeper?

    public init(home: ToolHome) { self.home = home }

    /// presskit's own fonts (`Assets/fonts`), loaded once per process.
    public func fonts() throws -> FontLibrary {
        try mainContext(FontSources(folders: [home.fonts])).fonts
    }

    /// `count` text contexts for fonts from `sources`, one per rendering thread, the calling thread's first;
    /// made once and kept while the sources stay the same.
    func textContexts(_ count: Int, sources: FontSources) throws -> [TextContext] {
        let main = try mainContext(sources)
        while workerContexts.count < count - 1 {
            let fonts = try FontLibrary(sources: sources)
            workerContexts.append(TextContext(fonts: fonts, units: UnitShaper(fonts: fonts), hyphenation: home.hyphenation, paragraphs: paragraphs))
        }
        return [main] + workerContexts.prefix(count - 1)
    }

    /// The text context of the calling thread, made once per process and kept (fonts, shaping cache) while
    /// the font sources stay the same.
    func mainContext(_ sources: FontSources) throws -> TextContext {
        if let c = context, c.fonts.sources == sources { return c }
        if context != nil { workerContexts = [] }
        paragraphs = ParagraphCache()
        let fonts = try FontLibrary(sources: sources)
        let c = TextContext(fonts: fonts, units: UnitShaper(fonts: fonts), hyphenation: home.hyphenation, paragraphs: paragraphs)
        context = c
        return c
    }

    /// Loads and checks everything a build needs, and builds the documents, without fonts or files.
    /// `inputs` records every file read or looked for, for the build cache.
    /// With `forPDF`, the thread that sets up the fonts then loads the PDF finisher's library too (see `FontPrewarm`).
    public func documents(for request: BuildRequest, inputs: BuildInputs? = nil, forPDF: Bool = false) throws -> PreparedDocuments {
        Trace.mark("start")
        // The fonts a build most likely uses are loaded on another thread while the files are read:
        // fontconfig's and Pango's first set-up costs a few milliseconds that need nothing from the files.
        // What uses fonts on this thread waits for it first (`faceCheckLibrary`).
        if checkLibrary == nil, prewarmedFonts == nil {
            let meetingFonts = URL(fileURLWithPath: request.meetingPath).deletingLastPathComponent().appendingPathComponent("fonts")
            let folders = (FileManager.default.fileExists(atPath: meetingFonts.path) ? [meetingFonts] : []) + request.fontFolders + [home.fonts]
            prewarmedFonts = FontPrewarm(FontSources(folders: folders, scriptFonts: false), thenFinisher: forPDF)
        }
        // However this ends (an error in the files included), the other thread is done when it returns.
        defer { prewarmedFonts?.wait() }
        var meeting = try Meeting.load(request.meetingPath, inputs: inputs)
        Trace.mark("meeting loaded and validated")
        var errors: [Diagnostic] = []
        if let status = meeting.data["status"], !["draft", "final"].contains(status.text ?? "") {
            errors.append(Diagnostic(at: status.mark, path: "status", "expected draft or final, found \"\(status.text ?? "")\""))
        }
        // Only a translation confirmed against a source text can be stale: with none confirmed (no ledger
        // beside the file), no text is walked and fingerprinted for nothing.
        let ledger = try TranslationLedger.load(for: request.meetingPath, inputs: inputs)
        let stale = ledger.confirmed.isEmpty ? [] : TranslationStatus(meeting, ledger: ledger).diagnostics(strict: request.strictTranslations)
        if request.strictTranslations { errors += stale }
        var warnings = meeting.warnings + (request.strictTranslations ? [] : stale)
        let languages = request.languages ?? meeting.languages
        for lang in languages {
            if let problem = FontLibrary.systemFontProblem(for: lang, root: systemRoot) {
                errors.append(Diagnostic(at: meeting.data["languages"]?.mark ?? .file(meeting.source.path), path: "languages", problem,
                                         hint: "or leave \(lang) out of this build with --lang"))
            }
        }
        let untranslated = meeting.untranslatedLanguages()
        errors += untranslated.map(\.diagnostic)
        for lang in languages where !meeting.languages.contains(lang) {
            errors.append(Diagnostic(at: meeting.data["languages"]?.mark ?? .file(meeting.source.path), path: "languages",
                                     "the language `\(lang)` was asked for but is not listed",
                                     hint: "the file lists: " + meeting.languages.joined(separator: ", ")))
        }
        Trace.mark("translations, status and languages checked")
        var library = LayoutLibrary(meetingFolder: meeting.folder, builtIn: home.layouts, inputs: inputs)
        do {
            library.theme = try library.loadTheme(request.theme ?? meeting.data["theme"]?.text ?? Theme.defaultName,
                                                  requestedAt: request.theme == nil ? meeting.data["theme"]?.mark : nil,
                                                  base: request.theme == nil ? meeting.folder : nil)
        } catch let e as DiagnosticError {
            // Without its theme no layout can be read: every token would be reported again.
            throw DiagnosticError(errors + e.diagnostics)
        }
        let documentMarks = meeting.data["documents"]?.elements ?? []
        var layouts: [Layout] = []
        for (i, name) in (request.layouts ?? meeting.documents).enumerated() {
            do {
                layouts.append(try library.load(name, requestedAt: request.layouts == nil ? documentMarks[safe: i]?.mark : nil, field: "documents[\(i)]"))
            } catch let e as DiagnosticError { errors += e.diagnostics }
        }
        Trace.mark("theme and layouts read")
        let sheets = Self.styleSheets(layouts)
        let printed = [meeting.source.text] + layouts.flatMap { [$0.source.text] + $0.partialSources.values }
        let (fontSources, fontProblems) = fontSources(meetingFolder: meeting.folder, request: request, theme: library.theme,
                                                      layouts: layouts, sheets: sheets, inputs: inputs, printed: (printed, languages))
        errors += fontProblems
        Trace.mark("style sheets and font sources")
        warnings += contrastWarnings(sheets)
        // The layouts' own fields, typed and checked at the meeting file's lines.
        // A layout that did not load declares nothing: no field is then called unread.
        let allLoaded = layouts.count == (request.layouts ?? meeting.documents).count
        errors += LayoutField.check(&meeting, against: layouts, complete: request.layouts == nil && allLoaded)
        let loaded = Dictionary(layouts.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        Trace.mark("translations and layouts")
        var localized: [LocalizedMeeting] = []
        for lang in languages where meeting.languages.contains(lang) && !untranslated.contains(where: { $0.language == lang }) {
            do {
                localized.append(try LocalizedMeeting(meeting, language: lang, fallback: request.fallbackToSource ? meeting.languages.first : nil,
                                                      warnings: &warnings))
            } catch let e as DiagnosticError { errors += e.diagnostics }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        Trace.mark("localized")
        let assets = [meeting.folder, home.assets] + request.roots
        // Each document is built on its own (one layout in one language), so they are built on every core;
        // what they share (the inputs' record, the image checks) is guarded. Results keep the build order.
        nonisolated(unsafe) let pairs = layouts.flatMap { layout in localized.map { (layout, $0) } }
        let parallel = ProcessInfo.processInfo.activeProcessorCount > 1 && (request.workers ?? 2) > 1
        let built = [Result<Document, Error>].concurrent(pairs.count, parallel: parallel) { k in
            let (layout, m) = pairs[k]
            return Result {
                var builder = try DocumentBuilder(layout: layout, meeting: m, assetFolders: assets)
                builder.inputs = inputs
                // A single document builds its long loops on two threads (several already use every core).
                builder.parallel = parallel && pairs.count == 1
                return try builder.build()
            }
        }
        var out: [(String, String, Document)] = []
        for (k, result) in built.enumerated() {
            switch result {
            case .success(let document): out.append((pairs[k].0.name, pairs[k].1.language, document))
            case .failure(let e as DiagnosticError): errors += e.diagnostics
            case .failure(let e): errors.append(.internalFailure("\(e)"))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        Trace.mark("documents built")
        return PreparedDocuments(meeting: meeting, documents: out, layouts: loaded, warnings: warnings, fonts: fontSources)
    }

    /// Builds every requested PDF and writes them into the output folder. Documents whose inputs have not
    /// changed since the last build (same fingerprint, the PDF still as it was written) are not rendered again;
    /// the others are rendered on all cores. Nothing is written unless every document built.
    public func build(_ request: BuildRequest) throws -> BuildResult {
        Trace.mark("build started")
        pageKeeper?.begin()
        let meetingFile = URL(fileURLWithPath: request.meetingPath).standardizedFileURL
        let folder = request.outputFolder.appendingPathComponent(meetingFile.deletingLastPathComponent().lastPathComponent)
        AtomicWriter.removeStaleTemporaries(in: folder)
        let identity = Self.identity(request)
        Trace.mark("identity")
        if request.incremental, let quick = QuickCache.load(from: folder), quick.identity == identity, let files = quick.unchanged(in: folder) {
            Trace.mark("nothing changed since the last build (quick cache)")
            return BuildResult(files: files, warnings: [])
        }
        // A forced build rebuilds every PDF but still reuses the digests of unchanged fonts and images.
        let stored = BuildCache.load(from: folder)
        var cache = request.incremental ? stored : BuildCache()
        Trace.mark("cache read")
        if request.incremental, let quick = unchangedSinceLastBuild(&cache, identity: identity, folder: folder) {
            Trace.mark("nothing changed since the last build")
            return BuildResult(files: quick, warnings: cache.warnings)
        }
        let inputs = BuildInputs(previous: stored.inputs, memory: digests)
        let prepared = try documents(for: request, inputs: inputs, forPDF: true)
        let meeting = prepared.meeting
        var errors: [Diagnostic] = []
        let jobs = plan(meeting: meeting, documents: prepared.documents, request: request, errors: &errors)
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        // Two meeting files of one folder write into one output folder: say so before one replaces the other's PDFs.
        var warnings = prepared.warnings
        if !stored.meetingFile.isEmpty, stored.meetingFile != meetingFile.path,
           case let replaced = jobs.map(\.name).filter({ name in stored.outputs.contains { $0.name == name } }), !replaced.isEmpty {
            warnings.append(Diagnostic(.warning, at: .file(request.meetingPath),
                                       "\(LayoutLibrary.display(folder)) holds the PDFs of \(LayoutLibrary.display(URL(fileURLWithPath: stored.meetingFile))); "
                                        + "these are replaced: " + replaced.map { "\($0).pdf" }.joined(separator: ", "),
                                       hint: "give each meeting file a folder of its own, or build it with --out into another folder"))
        }
        var results = [BuiltFile?](repeating: nil, count: jobs.count)
        var fingerprints = [String?](repeating: nil, count: jobs.count)
        /// The fingerprints of jobs rendered whatever they are (forced, new, their PDF gone or changed): the
        /// files' digests taken now, before anything is drawn; the documents' dump digested on a core left idle.
        var later: [(job: Int, input: FingerprintInput)] = []
        var todo: [Int] = []
        let fonts = fontDigests(prepared.fonts, inputs: inputs)
        // A font or dictionary changed since the text contexts were made (a long watch session): make them anew,
        // or fontconfig and libhyphen would go on setting text with the old files.
        let resources = fonts + meeting.languages.map { dictionaryDigest($0, inputs: inputs) }.joined(separator: "\n")
        if contextResources != resources {
            if contextResources != nil { context = nil; workerContexts = []; checkLibrary = nil }
            contextResources = resources
        }
        for (i, job) in jobs.enumerated() {
            let input = fingerprintInput(job, layout: prepared.layouts[job.layout], request: request, inputs: inputs, fonts: fonts)
            let file = folder.appendingPathComponent("\(job.name).pdf")
            guard request.incremental, let entry = cache.entries[job.name], entry.isIntact(file) else {
                later.append((i, input))
                todo.append(i)
                continue
            }
            let print = input.digest()
            fingerprints[i] = print
            if entry.fingerprint == print {
                results[i] = BuiltFile(file: file, layout: job.layout, language: job.languages, pages: entry.pages, bytes: entry.bytes,
                                       seconds: 0, report: entry.report, warnings: entry.warnings, unchanged: true)
            } else {
                todo.append(i)
            }
        }
        let deferred = later
        let laterPrints = deferred.isEmpty ? nil : IdleWork {
            let prints = deferred.map { $0.input.digest() }
            Trace.mark("fingerprints of the documents rendered whatever they are")
            return prints
        }
        Trace.mark("fingerprints")
        let rendered = try render(todo.map { jobs[$0] }, meeting: meeting, request: request, folder: folder, fonts: prepared.fonts)
        Trace.mark("rendered")
        var pdfs: [(URL, Data)] = []
        for (k, i) in todo.enumerated() {
            switch rendered[k] {
            case .success(let (built, data)):
                results[i] = built
                pdfs.append((built.file, data))
            case .failure(let error as DiagnosticError): errors += error.diagnostics
            case .failure(let error): errors.append(.internalFailure("\(jobs[i].name): \(error)"))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        let written = try AtomicWriter.replace(pdfs)
        pageKeeper?.commit(names: jobs.map(\.name))
        Trace.mark("written")
        if let laterPrints { for (k, print) in laterPrints.value.enumerated() { fingerprints[deferred[k].job] = print } }
        for (i, job) in jobs.enumerated() {
            guard let built = results[i], let print = fingerprints[i] else { continue }
            if let record = written[built.file] {
                cache.entries[job.name] = .init(fingerprint: print, pages: built.pages, bytes: built.bytes, report: built.report,
                                                warnings: built.warnings, written: record)
            }
        }
        cache.identity = identity
        cache.meetingFile = meetingFile.path
        cache.outputs = jobs.map { .init(name: $0.name, layout: $0.layout, languages: $0.languages) }
        cache.inputs = inputs.recorded
        cache.warnings = prepared.warnings
        try? cache.save(to: folder)
        digests.save()
        Trace.mark("cache saved")
        return BuildResult(files: results.compactMap { $0 }, warnings: warnings)
    }

    /// Everything a build does but drawing and writing: loads and checks the files, builds every document
    /// and lays it out (fonts, glyphs, page breaks), so `check` refuses what `build` would. Returns the
    /// warnings; throws every error found.
    public func check(_ request: BuildRequest) throws -> [Diagnostic] {
        let prepared = try documents(for: request)
        let meeting = prepared.meeting
        var errors: [Diagnostic] = []
        let jobs = plan(meeting: meeting, documents: prepared.documents, request: request, errors: &errors)
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        var warnings = prepared.warnings
        let folder = request.outputFolder.appendingPathComponent(meeting.name)
        for result in try render(jobs, meeting: meeting, request: request, folder: folder, fonts: prepared.fonts, draw: false) {
            switch result {
            case .success(let (built, _)): warnings += built.warnings
            case .failure(let error as DiagnosticError): errors += error.diagnostics
            case .failure(let error): errors.append(.internalFailure("\(error)"))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors + warnings)) }
        return Self.unique(warnings)
    }

    /// What the quick check answers for: this presskit build, this meeting file and the options that change
    /// a build's output.
    static func identity(_ request: BuildRequest) -> String {
        [BuildIdentity.current, URL(fileURLWithPath: request.meetingPath).standardizedFileURL.path,
         (request.languages ?? []).joined(separator: ","), (request.layouts ?? []).joined(separator: ","),
         request.bilingual?.rawValue ?? "", "\(request.strictTranslations)", request.dateIsFixed ? "\(request.created.timeIntervalSince1970)" : "",
         request.outputFolder.standardizedFileURL.path, "\(request.fallbackToSource)", request.roots.map(\.path).joined(separator: ",")]
            .joined(separator: "\u{1F}")
    }

    /// The last build's results when it answered for the same identity, none of the files it read or looked
    /// for changed, and every PDF it made is still as written; nil otherwise.
    func unchangedSinceLastBuild(_ cache: inout BuildCache, identity: String, folder: URL) -> [BuiltFile]? {
        guard !cache.outputs.isEmpty, cache.identity == identity else { return nil }
        let (holds, renewed) = cache.verify(outputsIn: folder)
        guard holds else { return nil }
        if renewed { try? cache.save(to: folder) }
        return cache.outputs.compactMap { output in
            cache.entries[output.name].map { entry in
                BuiltFile(file: folder.appendingPathComponent("\(output.name).pdf"), layout: output.layout, language: output.languages,
                          pages: entry.pages, bytes: entry.bytes, seconds: 0, report: entry.report, warnings: entry.warnings, unchanged: true)
            }
        }
    }

    /// Each problem once: the same message at the same place is one problem, whichever layout line met it.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return diagnostics.filter { seen.insert($0.description).inserted }
    }
}
