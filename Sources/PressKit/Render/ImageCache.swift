import CCairoPango
import CImages
import Foundation

/// Images decoded once per document, so Cairo embeds each once however often it is drawn: PNG through
/// Cairo, JPEG through gdk-pixbuf with the original JPEG bytes kept for the PDF, SVG through librsvg into
/// a recording surface (a reusable form in the PDF). Each decoder's status is checked: Cairo's error
/// surfaces would draw nothing without a word.
final class ImageCache {
    private var surfaces: [URL: (surface: OpaquePointer, width: Double, height: Double)] = [:]
    deinit { for s in surfaces.values { cairo_surface_destroy(s.surface) } }

    func failure(_ file: URL, _ reason: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(at: .file(file.path), "the image cannot be read: \(reason)", hint: "export it again (PNG, JPEG or SVG)"))
    }

    func surface(for image: ImageBlock) throws -> (surface: OpaquePointer, width: Double, height: Double) {
        if let s = surfaces[image.file] { return s }
        let made: (OpaquePointer, Double, Double)
        switch image.kind {
        case .png:
            let s = cairo_image_surface_create_from_png(image.file.path)!
            guard cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
                let reason = String(cString: cairo_status_to_string(cairo_surface_status(s)))
                cairo_surface_destroy(s)
                throw failure(image.file, reason)
            }
            made = (s, Double(cairo_image_surface_get_width(s)), Double(cairo_image_surface_get_height(s)))
        case .jpeg:
            made = try jpeg(image.file)
        case .svg:
            made = try svg(image.file)
        }
        surfaces[image.file] = made
        return made
    }

    private func jpeg(_ file: URL) throws -> (OpaquePointer, Double, Double) {
        var error: UnsafeMutablePointer<GError>?
        guard let pixbuf = gdk_pixbuf_new_from_file(file.path, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw failure(file, reason)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        let w = Int(gdk_pixbuf_get_width(pixbuf)), h = Int(gdk_pixbuf_get_height(pixbuf))
        let channels = Int(gdk_pixbuf_get_n_channels(pixbuf)), stride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        let pixels = gdk_pixbuf_get_pixels(pixbuf)!
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
        let target = cairo_image_surface_get_data(surface)!
        let targetStride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<h {
            for x in 0..<w {
                let p = pixels + y * stride + x * channels
                let q = target + y * targetStride + x * 4
                q[0] = p[2]; q[1] = p[1]; q[2] = p[0]; q[3] = 255
            }
        }
        cairo_surface_mark_dirty(surface)
        // The PDF keeps the JPEG as it is (no re-encoding, no growth).
        if let data = try? Data(contentsOf: file), let copy = malloc(data.count) {
            data.copyBytes(to: copy.assumingMemoryBound(to: UInt8.self), count: data.count)
            cairo_surface_set_mime_data(surface, "image/jpeg", copy.assumingMemoryBound(to: UInt8.self), UInt(data.count),
                                        { free($0) }, copy)
        }
        return (surface, Double(w), Double(h))
    }

    private func svg(_ file: URL) throws -> (OpaquePointer, Double, Double) {
        var error: UnsafeMutablePointer<GError>?
        guard let handle = rsvg_handle_new_from_file(file.path, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw failure(file, reason)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        guard let size = ImageProbe.svgSize(file) else { throw failure(file, "the SVG has no size") }
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(size.0), height: Double(size.1))
        let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        let cr = cairo_create(recording)!
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(size.0), height: Double(size.1))
        let ok = rsvg_handle_render_document(handle, cr, &viewport, &error)
        cairo_destroy(cr)
        guard ok != 0, cairo_surface_status(recording) == CAIRO_STATUS_SUCCESS else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "librsvg could not draw it"
            if let error { g_error_free(error) }
            cairo_surface_destroy(recording)
            throw failure(file, reason)
        }
        return (recording, Double(size.0), Double(size.1))
    }

    /// Paints `image` scaled into `rect`, clipped to it (a bare paint inside a tag damages Cairo's PDF).
    func draw(_ image: ImageBlock, in rect: Rect, on cr: OpaquePointer) throws {
        let (surface, w, h) = try surface(for: image)
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
