import CCairoPango
import Foundation

/// PNG images decoded with Cairo, once per file, with their status checked (Cairo's error surfaces draw nothing).
final class ImageCache {
    private var surfaces: [URL: OpaquePointer] = [:]
    deinit { for s in surfaces.values { cairo_surface_destroy(s) } }

    func surface(for file: URL) throws -> OpaquePointer {
        if let s = surfaces[file] { return s }
        let s = cairo_image_surface_create_from_png(file.path)!
        guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(s)))
            cairo_surface_destroy(s)
            throw DiagnosticError(Diagnostic(at: .file(file.path), "the image cannot be read: \(reason)", hint: "export it again as PNG"))
        }
        surfaces[file] = s
        return s
    }

    /// Paints `image` scaled into `rect`, clipped to it (a bare paint inside a tag damages Cairo's PDF).
    func draw(_ image: ImageBlock, in rect: Rect, on cr: OpaquePointer) throws {
        let surface = try surface(for: image.file)
        let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
        cairo_save(cr)
        cairo_rectangle(cr, rect.minX.pt, rect.minY.pt, rect.size.width.pt, rect.size.height.pt)
        cairo_clip(cr)
        cairo_translate(cr, rect.minX.pt, rect.minY.pt)
        cairo_scale(cr, rect.size.width.pt / w, rect.size.height.pt / h)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
