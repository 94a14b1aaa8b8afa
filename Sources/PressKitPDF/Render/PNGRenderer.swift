import CCairo
import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout

/// Renders one page to PNG bytes (for visual tests and previews) through a Cairo image surface.
public enum PNGRenderer {
    /// Page `index` of `document` as a PNG at `dpi` dots per inch, on white.
    public static func render(_ document: PagedDocument, page index: Int, dpi: Double) throws -> Data {
        try CairoLock.drawing { try draw(document, page: index, dpi: dpi) }
    }

    /// The PNG of one page, drawn while `CairoLock` is held.
    private static func draw(_ document: PagedDocument, page index: Int, dpi: Double) throws -> Data {
        let size = document.template.size
        let scale = dpi / 72
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((size.width.pt * scale).rounded()),
                                                 Int32((size.height.pt * scale).rounded()))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_set_source_rgb(cr, 0, 0, 0)
        var drawer = PageDrawer(cr: cr, tagged: false, images: ImageCache(), anchors: document.anchors)
        // Lines with links are drawn link by link: their colour and underline as in the PDF.
        for case .line(let line, _, let tag) in document.pages[index].items where !tag.running && !line.links.isEmpty {
            drawer.linked.insert(tag.id)
        }
        if let mark = document.watermark { drawer.drawWatermark(mark, on: document.template.size) }
        try drawer.draw(document.pages[index])
        cairo_destroy(cr)
        final class Sink { var data = Data() }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        let status = cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let bytes { sink.data.append(bytes, count: Int(length)) }
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw DiagnosticError(.internalFailure("Cairo could not write the PNG")) }
        return sink.data
    }
}
