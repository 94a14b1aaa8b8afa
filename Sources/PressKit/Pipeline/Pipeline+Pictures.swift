import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

extension Pipeline {
    /// Every document of `request` laid out, not drawn: its name and pages, in build order, with the
    /// warnings. Errors are thrown as a build would throw them.
    func laidOut(_ request: BuildRequest) throws -> (documents: [(name: String, paged: PagedDocument)], meeting: Meeting, warnings: [Diagnostic]) {
        let prepared = try documents(for: request)
        var errors: [Diagnostic] = []
        let jobs = plan(meeting: prepared.meeting, documents: prepared.documents, request: request, errors: &errors)
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        let keeper = PageKeeper()
        var warnings = prepared.warnings
        let folder = request.outputFolder.appendingPathComponent(prepared.meeting.name)
        for result in try render(jobs, meeting: prepared.meeting, request: request, folder: folder, fonts: prepared.fonts, draw: false, keeper: keeper) {
            switch result {
            case .success(let (built, _)): warnings += built.warnings
            case .failure(let error as DiagnosticError): errors += error.diagnostics
            case .failure(let error): errors.append(.internalFailure("\(error)"))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(Self.unique(errors)) }
        keeper.commit(names: jobs.map(\.name))
        return (jobs.compactMap { job in keeper.pages(of: job.name).map { (job.name, $0) } }, prepared.meeting, Self.unique(warnings))
    }

    /// `build --to png`: every page of every document as a PNG at `dpi` (`NAME.pN.png`, beside the PDFs),
    /// all written once every page is drawn.
    public func pictures(_ request: BuildRequest, dpi: Double) throws -> (files: [URL], warnings: [Diagnostic]) {
        let (documents, meeting, warnings) = try laidOut(request)
        let folder = request.outputFolder.appendingPathComponent(meeting.name)
        var files: [(URL, Data)] = []
        for (name, paged) in documents {
            for k in paged.pages.indices {
                files.append((folder.appendingPathComponent("\(name).p\(k + 1).png"), try PNGRenderer.render(paged, page: k, dpi: dpi)))
            }
        }
        _ = try AtomicWriter.replace(files)
        return (files.map(\.0), warnings)
    }

    /// The layout of the social card, in `Layouts/`.
    public static let socialCardLayout = "social-card"

    /// `build --to social-card`: the social card of the meeting in each language, `social-card.LANG.png`,
    /// drawn from the layout `social-card` (a file like any other: a house may have its own) at one pixel a
    /// point. Its page must be one; its size is the layout's (1200 × 630 for the one presskit ships).
    public func socialCards(_ request: BuildRequest) throws -> (files: [URL], warnings: [Diagnostic]) {
        var request = request
        if let layouts = request.layouts, layouts != [Self.socialCardLayout] {
            throw DiagnosticError(Diagnostic(at: .commandLine, "--to social-card draws the layout \(Self.socialCardLayout), not \(layouts.joined(separator: ", "))",
                                             hint: "leave --layout out, or make your card a layout named \(Self.socialCardLayout) in the meeting's Layouts/"))
        }
        request.layouts = [Self.socialCardLayout]
        request.bilingual = BilingualMode.none
        let (documents, meeting, warnings) = try laidOut(request)
        let folder = request.outputFolder.appendingPathComponent(meeting.name)
        var files: [(URL, Data)] = []
        for (name, paged) in documents {
            files.append((folder.appendingPathComponent("\(name).png"), try PNGRenderer.render(paged, page: 0, dpi: 72)))
        }
        _ = try AtomicWriter.replace(files)
        return (files.map(\.0), warnings)
    }
}
