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
}
