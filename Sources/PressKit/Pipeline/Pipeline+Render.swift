import CMalloc
import Foundation
import Synchronization
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// What one rendering thread needs of its own: Pango's font map and context are not shared between
/// threads, nor are shaping and hyphenation caches.
final class TextContext: @unchecked Sendable {
    let fonts: FontLibrary
    let units: UnitShaper
    let hyphenators: HyphenatorPool
    /// Lines already set: one cache for all the contexts of a build's fonts, so a paragraph set on one
    /// thread is found by another.
    let paragraphs: ParagraphCache
    /// Words made into boxes and penalties, for every document this context sets.
    let words = WordItemsCache()
    init(fonts: FontLibrary, units: UnitShaper, hyphenation: URL, paragraphs: ParagraphCache) {
        self.fonts = fonts; self.units = units; self.hyphenators = HyphenatorPool(folder: hyphenation); self.paragraphs = paragraphs
    }
}

extension Pipeline {
    /// Renders jobs on up to `request.workers` threads (all cores by default); results come back in job order.
    /// With `draw` false, documents are laid out but no PDF is made (`check`).
    func render(_ jobs: [Job], meeting: Meeting, request: BuildRequest, folder: URL, fonts: FontSources, draw: Bool = true,
                keeper: PageKeeper? = nil) throws -> [Result<(BuiltFile, Data), Error>] {
        guard !jobs.isEmpty else { return [] }
        let cores = max(1, request.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let workers = min(cores, jobs.count)
        // One document and a core to spare: a helper sets the paragraphs of its second half meanwhile.
        let helped = jobs.count == 1 && cores > 1
        let contexts = try textContexts(workers + (helped ? 1 : 0), sources: fonts)
        for context in contexts { context.units.beginBuild() }
        contexts.first?.paragraphs.beginBuild()
        Trace.mark("fonts")
        /// The results of the rendering threads, filled in under its lock.
        final class Results: @unchecked Sendable {
            private let lock = NSLock()
            private(set) var results: [Result<(BuiltFile, Data), Error>]
            private var done = 0
            /// How many jobs are done.
            var doneCount: Int { lock.withLock { done } }
            init(_ n: Int) { results = Array(repeating: .failure(DiagnosticError(.internalFailure("not rendered"))), count: n) }
            /// Stores job `k`'s result; the number of jobs done so far.
            func store(_ result: Result<(BuiltFile, Data), Error>, at k: Int) -> Int {
                lock.withLock { results[k] = result; done += 1; return done }
            }
        }
        /// Documents laid out whose drawing waits for Cairo, oldest first (see `render`'s loop).
        final class Waiting: @unchecked Sendable {
            private let lock = NSLock()
            private var items: [(k: Int, laidOut: LaidOut)] = []
            func push(_ k: Int, _ laidOut: LaidOut) { lock.withLock { items.append((k, laidOut)) } }
            func pushBack(_ item: (k: Int, laidOut: LaidOut)) { lock.withLock { items.insert(item, at: 0) } }
            func pop() -> (k: Int, laidOut: LaidOut)? { lock.withLock { items.isEmpty ? nil : items.removeFirst() } }
        }
        let box = Results(jobs.count)
        let waiting = Waiting()
        let progress = self.progress
        // A build of one document: nothing else would reuse its memory, and freeing it would hold back the end.
        let single = jobs.count == 1
        let keeper = keeper ?? (draw ? pageKeeper : nil)
        @Sendable func complete(_ k: Int, _ result: Result<(BuiltFile, Data), Error>) {
            let count = box.store(result, at: k)
            progress?(count, jobs.count)
        }
        /// Draws a laid-out job (waiting for Cairo if `wait`) and finishes it; false if Cairo was busy.
        @Sendable func drawAndFinish(_ k: Int, _ laidOut: LaidOut, wait: Bool) -> Bool {
            let drawing: PDFRenderer.Drawing?
            let sections = laidOut.job.mode == .sideBySide
            do {
                if wait {
                    drawing = try PDFRenderer.drawn(laidOut.paged, created: request.created, languageSections: sections)
                } else {
                    drawing = try PDFRenderer.drawnIfFree(laidOut.paged, created: request.created, languageSections: sections)
                }
            } catch {
                complete(k, .failure(error))
                return true
            }
            guard let drawing else { return false }
            complete(k, Result { try Self.finish(laidOut, drawing: drawing, folder: folder, keeper: keeper, freeingLater: single) })
            return true
        }
        // Each thread takes the next job not yet taken: a long document on one thread does not hold back
        // the short ones a fixed share would have given the same thread. Cairo draws one document at a
        // time (`CairoLock`): a thread that finds it busy leaves its document waiting and lays out the next
        // job instead of idling; whichever thread finds Cairo free draws what waits. Finishing (qpdf) runs
        // on any thread, in parallel.
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            /// Whether this thread finished a document since it last gave memory back.
            var finished = false
            while true {
                // A finished document's pages and PDF objects were freed into the arena of the thread that
                // made them, which the other thread's allocations never reuse: given back to the system
                // before the next documents grow their own (six documents' peak 44.1 -> 42.8 MiB, 1.01x
                // time). Not once all are done: nothing would reuse the pages; nor in a build of two
                // documents, where it saves little and costs a process building many meetings 5 %.
                if finished {
                    finished = false
                    if jobs.count > 2, box.doneCount < jobs.count { _ = malloc_trim(0) }
                }
                if let item = waiting.pop() {
                    if drawAndFinish(item.k, item.laidOut, wait: false) { finished = true; continue }
                    waiting.pushBack(item)
                }
                if case let k = next.add(1, ordering: .relaxed).oldValue, k < jobs.count {
                    let laidOut: LaidOut
                    do {
                        laidOut = try Self.layOut(jobs[k], context: contexts[w], helper: helped ? contexts[workers] : nil)
                    } catch {
                        complete(k, .failure(error))
                        continue
                    }
                    if !draw {
                        complete(k, Result { try Self.finish(laidOut, drawing: nil, folder: folder, keeper: keeper) })
                    } else if !drawAndFinish(k, laidOut, wait: false) {
                        waiting.push(k, laidOut)
                    } else {
                        finished = true
                        if single { Disposal.later(consume laidOut) }
                    }
                    continue
                }
                // Nothing left to lay out: draw what waits, waiting for Cairo if need be.
                guard let item = waiting.pop() else { break }
                finished = drawAndFinish(item.k, item.laidOut, wait: true)
            }
        }
        return box.results
    }

    /// A shaper of `context` with the job's rules: its house hyphenation, hyphen penalty and font expansion.
    static func shaper(for job: Job, context: TextContext) -> PangoShaper {
        let shaper = PangoShaper(fonts: context.fonts, units: context.units, hyphenators: context.hyphenators, paragraphs: context.paragraphs,
                                 words: context.words)
        for part in job.parts { shaper.exceptions.merge(part.hyphenation) { a, _ in a } }
        if let first = job.parts.first {
            shaper.breaker.hyphenPenalty = first.justification.hyphenPenalty
            shaper.breaker.expansion = first.justification.expansion
        }
        return shaper
    }

    /// A job laid out into pages, with the shaper that set it (its warnings and substitutions).
    struct LaidOut {
        let job: Job
        let paged: PagedDocument
        let shaper: PangoShaper
        let start: Date
        /// The typographic report, made from the pages on a core left idle while Cairo draws them.
        let report: IdleWork<TypographicReport>
    }

    /// Lays out one job. With a `helper` context, the paragraphs of the second half of the text are set on
    /// another thread meanwhile.
    static func layOut(_ job: Job, context: TextContext, helper: TextContext? = nil) throws -> LaidOut {
        let start = Date()
        let shaper = shaper(for: job, context: context)
        var presetter: ParagraphPresetter?
        // One column of paragraphs at the text area's width: a single language, or languages one after the other.
        if let helper, job.mode != .sideBySide {
            let blocks = job.parts.flatMap(\.blocks)
            // The helper takes the last 55 % of the text: the layout thread also breaks the pages and sets
            // the running headers. Medians of the time to lay out (PRESSKIT_TRACE, 21 runs alternated): press
            // kit fr 25.8 -> 24.9 ms, en 25.6 -> 24.7, generated 63 pages 102 -> 90, 577 pages 695 -> 660, against 45 %.
            let from = ParagraphPresetter.split(blocks, share: 0.55)
            if from < blocks.count {
                presetter = ParagraphPresetter()
                presetter?.start(blocks, from: from, width: job.parts[0].page.textArea.size.width, shaper: Self.shaper(for: job, context: helper))
            }
        }
        defer { presetter?.finish() }
        let paginator = Paginator(shaper: shaper)
        let paged: PagedDocument
        switch job.mode {
        case .sideBySide?: paged = try paginator.layoutSideBySide(job.parts[0], job.parts[1])
        case .sequential?:
            paged = try paginator.layoutSequential(job.parts, continuous: job.parts[0].page.continuousNumbering,
                                                   partTitles: job.parts.map { LanguageNames.native($0.info.language) })
        default: paged = try paginator.layout(job.parts[0])
        }
        presetter?.finish()  // before the count below; again at the end does nothing
        Trace.mark("\(job.name) laid out (paragraphs: \(context.paragraphs.set) set, \(context.paragraphs.reused) reused; units: \(context.units.shaped) shaped, \(context.units.reused) reused; words: \(context.words.known.found) of \(context.words.known.asked) known)")
        // Two languages one after the other may take the limit each; side by side they share the pages.
        if let limit = job.parts[0].page.maximumPages, case let allowed = limit.count * (job.mode == .sequential ? job.parts.count : 1),
           paged.pages.count > allowed {
            throw DiagnosticError(Self.overflow(paged, limit: allowed, at: limit.mark, name: job.name))
        }
        let (name, warnings, substitutions) = (job.name, shaper.warnings, shaper.substitutions.sorted())
        // A short document's report takes less than a thread's start.
        let report = IdleWork(onIdleThread: paged.pages.count >= 16) {
            TypographicReport(document: name, paged: paged, warnings: warnings, substitutions: substitutions)
        }
        return LaidOut(job: job, paged: paged, shaper: shaper, start: start, report: report)
    }

    /// The PDF of a laid-out job from Cairo's `drawing` (none when only checking), its report and its file.
    /// Side by side, each language's elements were drawn to be read whole, in a section of their own.
    /// With `freeingLater`, libqpdf's objects are let go of on an idle thread (`Disposal`).
    static func finish(_ laidOut: LaidOut, drawing: PDFRenderer.Drawing?, folder: URL, keeper: PageKeeper?,
                       freeingLater: Bool = false) throws -> (BuiltFile, Data) {
        let (job, paged, shaper, start) = (laidOut.job, laidOut.paged, laidOut.shaper, laidOut.start)
        let pdf = try drawing.map { try PDFRenderer.finish($0, freeingLater: freeingLater) } ?? Data()
        keeper?.offer(paged, name: job.name)
        Trace.mark("\(job.name) rendered")
        let file = folder.appendingPathComponent("\(job.name).pdf")
        let report = laidOut.report.value
        let built = BuiltFile(file: file, layout: job.layout, language: job.languages, pages: paged.pages.count, bytes: pdf.count,
                              seconds: Date().timeIntervalSince(start), report: report, warnings: unique(shaper.warnings))
        return (built, pdf)
    }

    /// The problem of a document longer than its layout's `max-pages`: how many pages, and how much text
    /// stands on the pages beyond the limit (the height of what they hold), so the writer knows what to cut.
    static func overflow(_ paged: PagedDocument, limit: Int, at mark: SourceMark, name: String) -> Diagnostic {
        var over = Length.zero
        // What stands in the text area of the pages beyond, a flexible space counted as none.
        for page in paged.pages.dropFirst(limit) { over += page.used }
        let extra = paged.pages.count - limit
        return Diagnostic(at: mark, path: "page.max-pages",
                          "\(name) runs to \(paged.pages.count) pages, \(limit) allowed: \(Int(over.mm.rounded())) mm of text stand on the \(extra == 1 ? "page" : "\(extra) pages") beyond",
                          hint: "shorten the text by about that much, or make the layout's type or spaces smaller")
    }
}
