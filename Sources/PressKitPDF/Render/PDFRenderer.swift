import CCairo
import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout

/// Renders laid-out pages to PDF bytes in memory with Cairo, then checks Cairo's status.
public enum PDFRenderer {
    /// Where Cairo writes the PDF: a growing buffer of bytes, appended to without Swift's bounds and
    /// uniqueness checks (Cairo writes an uncompressed stream in small pieces, an operator at a time).
    private final class Sink {
        private(set) var bytes = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
        private(set) var count = 0
        private var capacity = 1 << 16
        func append(_ source: UnsafeRawPointer, _ length: Int) {
            if count + length > capacity {
                capacity = max(capacity * 2, count + length)
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
                grown.copyMemory(from: bytes, byteCount: count)
                bytes.deallocate()
                bytes = grown
            }
            (bytes + count).copyMemory(from: source, byteCount: length)
            count += length
        }
        var data: Data { Data(bytes: bytes, count: count) }
        deinit { bytes.deallocate() }
    }

    /// The standards a PDF claims in its XMP: only those whose requirements the tests check and pass
    /// (`ArchivalPDFTests`, `TaggedContentTests`), for every layout, language and bilingual mode.
    public static let claims: Conformance = [.pdfA2u, .pdfUA1]

    /// The PDF of `document`; `created` is the creation date written in it (from SOURCE_DATE_EPOCH for reproducible bytes).
    /// With `languageSections`, each language's elements are grouped in a `Sect` (a side-by-side PDF).
    public static func render(_ document: PagedDocument, created: Date, claims: Conformance = PDFRenderer.claims,
                              languageSections: Bool = false) throws -> Data {
        try finish(drawn(document, created: created, languageSections: languageSections), claims: claims)
    }

    /// A document as Cairo drew it, with the structure elements it opened: what `finish` makes the PDF of.
    public struct Drawing {
        let pdf: Data
        let elements: [PDFFinisher.Element]
        let info: DocumentInfo
        let created: Date
        let languageSections: Bool
    }

    /// Draws `document` with Cairo, waiting while another thread draws (see `CairoLock`).
    public static func drawn(_ document: PagedDocument, created: Date, languageSections: Bool = false) throws -> Drawing {
        try CairoLock.drawing { try drawing(document, created: created, languageSections: languageSections) }
    }

    /// Draws `document` with Cairo if no other thread is drawing; nil, at once, if one is (the caller
    /// does other work meanwhile and asks again later).
    public static func drawnIfFree(_ document: PagedDocument, created: Date, languageSections: Bool = false) throws -> Drawing? {
        try CairoLock.drawingIfFree { try drawing(document, created: created, languageSections: languageSections) }
    }

    private static func drawing(_ document: PagedDocument, created: Date, languageSections: Bool) throws -> Drawing {
        let (pdf, elements) = try draw(document, created: created)
        return Drawing(pdf: pdf, elements: elements, info: document.info, created: created, languageSections: languageSections)
    }

    /// Loads the library that finishes PDFs (libqpdf) ahead of the first `finish`, on a thread that would
    /// otherwise wait: its loading (2–3 ms, gnutls and its own dependencies with it) then leaves the path
    /// from the last page drawn to the PDF written.
    public static func preloadFinisher() { QPDFDocument.preload() }

    /// The finished PDF of a drawing (no Cairo: any thread, any number at once).
    /// With `freeingLater`, libqpdf's objects are let go of on an idle thread (`Disposal`).
    public static func finish(_ drawing: Drawing, claims: Conformance = PDFRenderer.claims, freeingLater: Bool = false) throws -> Data {
        try PDFFinisher.finish(drawing.pdf, info: drawing.info, created: drawing.created, elements: drawing.elements, claims: claims,
                               sections: drawing.languageSections, freeingLater: freeingLater)
    }

    /// The PDF as Cairo writes it, and the structure elements drawn, in order (for `PDFFinisher`).
    static func draw(_ document: PagedDocument, created: Date) throws -> (Data, [PDFFinisher.Element]) {
        let sink = Sink()
        let size = document.template.size
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let bytes { sink.append(bytes, Int(length)) }
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque(), size.width.pt, size.height.pt)!
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        let info = document.info
        let date = isoDate(created)
        for (key, value) in [(CAIRO_PDF_METADATA_TITLE, info.title), (CAIRO_PDF_METADATA_AUTHOR, info.author),
                             (CAIRO_PDF_METADATA_SUBJECT, info.subject), (CAIRO_PDF_METADATA_KEYWORDS, info.keywords),
                             (CAIRO_PDF_METADATA_CREATOR, info.creator), (CAIRO_PDF_METADATA_CREATE_DATE, date),
                             (CAIRO_PDF_METADATA_MOD_DATE, date)] where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
        let cr = cairo_create(surface)!
        var drawer = PageDrawer(cr: cr, tagged: true, images: ImageCache(decodesJPEG: false), anchors: document.anchors)
        for page in document.pages {
            for case .line(let line, _, let tag) in page.items where !tag.running && (!line.links.isEmpty || line.runs.contains { $0.language != nil }) {
                drawer.linked.insert(tag.id)
            }
        }
        var laps = PhaseLaps("draw \(document.info.title.prefix(40))")
        // A long document's lines are gathered for Cairo on a core left idle, pages ahead (a short one's as drawn).
        let gathering = document.pages.count >= PageGathering.minimumPages ? PageGathering(document.pages, linked: drawer.linked) : nil
        defer { gathering?.stop() }
        cairo_tag_begin(cr, "Document", "")
        var failure: Error?
        for (i, page) in document.pages.enumerated() {
            if i < document.pageLabels.count { cairo_pdf_surface_set_page_label(surface, document.pageLabels[i]) }
            // The watermark goes first, under the text, which stays readable.
            if let mark = document.watermark { drawer.drawWatermark(mark, on: document.template.size) }
            do { try drawer.draw(page, gathered: gathering?.page(i)) } catch { failure = error; break }
            cairo_show_page(cr)
        }
        drawer.closeAll()
        laps.lap("pages")
        cairo_tag_end(cr, "Document")
        // The outline (bookmarks), nested by heading level.
        var parents: [(level: Int, id: Int32)] = []
        for entry in document.outline {
            guard document.anchors[entry.anchor] != nil else { continue }
            while let last = parents.last, last.level >= entry.level { parents.removeLast() }
            let link = "dest='\(entry.anchor)'"
            let id = cairo_pdf_surface_add_outline(surface, parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT), entry.title, link,
                                                   cairo_pdf_outline_flags_t(0))
            parents.append((entry.level, id))
        }
        let status = cairo_status(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        laps.lap("fonts and file (Cairo)")
        laps.write()
        let surfaceStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        if let failure { throw failure }
        for s in [status, surfaceStatus] where s != CAIRO_STATUS_SUCCESS {
            throw DiagnosticError(.internalFailure("Cairo could not write the PDF: \(String(cString: cairo_status_to_string(s)))"))
        }
        return (sink.data, drawer.log)
    }

    /// ISO 8601 in UTC, as Cairo expects for PDF dates.
    static func isoDate(_ date: Date) -> String { UTCTime(date).iso + "Z" }
}
