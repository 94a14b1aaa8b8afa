import CCairo
import CImages
import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout

/// Images decoded once, so Cairo embeds each raster once however often it is drawn: PNG through Cairo, JPEG
/// as its own bytes in a PDF (decoded by gdk-pixbuf only for a picture). SVG logos are recorded once as
/// vectors (`SVGDrawing`) and painted as one form where they appear. Surfaces and recorded logos are kept for
/// the process by `ImageStore` (a recording surface painted twice on one page makes Cairo 1.16 write a
/// resource dictionary with a duplicated key). Each decoder's status is checked: Cairo's error surfaces would
/// draw nothing without a word.
final class ImageCache {
    private var surfaces: [URL: (surface: OpaquePointer, width: Double, height: Double)] = [:]
    /// Images already painted on the current page: Cairo 1.16 lists a surface painted twice on one page
    /// twice in the page's resources (a duplicated key), so a second use on a page gets its own surface.
    private var usedOnPage: Set<URL> = []

    /// Call at the start of each page.
    func beginPage() { usedOnPage = [] }

    /// Where the images being drawn were named (the meeting file's field), by file, for messages.
    var places: [URL: (mark: SourceMark, field: String)] = [:]

    func failure(_ file: URL, _ reason: String) -> DiagnosticError {
        let place = places[file]
        return DiagnosticError(Diagnostic(at: place?.mark ?? .file(file.path), path: place?.field ?? "",
                                          "the image \"\(file.lastPathComponent)\" cannot be read: \(reason)", hint: "export it again (PNG, JPEG or SVG)"))
    }

    func surface(for image: ImageBlock) throws -> (surface: OpaquePointer, width: Double, height: Double) {
        if let s = surfaces[image.file] { return s }
        let made = try ImageStore.surface(image.file, decoded: decodesJPEG || image.kind != .jpeg) { try self.decode(image) }
        surfaces[image.file] = made
        return made
    }

    /// A new surface of `image`'s pixels (a JPEG's left unread unless `decodesJPEG`).
    private func decode(_ image: ImageBlock) throws -> (OpaquePointer, Double, Double) {
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
            throw failure(image.file, "an SVG is drawn, not decoded")
        }
        return made
    }

    /// Whether JPEGs are decoded: a PNG preview needs their pixels; a PDF does not, since Cairo writes the
    /// JPEG's own bytes (its MIME data) and never reads the surface's pixels.
    let decodesJPEG: Bool

    init(decodesJPEG: Bool = true) { self.decodesJPEG = decodesJPEG }

    private func jpeg(_ file: URL) throws -> (OpaquePointer, Double, Double) {
        if !decodesJPEG { return try undecodedJPEG(file) }
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
        _ = attachBytes(of: file, to: surface)
        return (surface, Double(w), Double(h))
    }

    /// Gives `surface` the JPEG file's own bytes as MIME data, which a PDF keeps as they are (no
    /// re-encoding, no growth); the problem when it cannot, nil when done. Cairo frees the copy.
    private func attachBytes(of file: URL, to surface: OpaquePointer) -> String? {
        guard let data = try? Data(contentsOf: file), let copy = malloc(max(1, data.count)) else { return "it cannot be read" }
        data.copyBytes(to: copy.assumingMemoryBound(to: UInt8.self), count: data.count)
        let status = cairo_surface_set_mime_data(surface, "image/jpeg", copy.assumingMemoryBound(to: UInt8.self), UInt(data.count), { free($0) }, copy)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }

    /// A JPEG for the PDF: an opaque surface of its size, its pixels left unread, carrying the file's bytes
    /// as MIME data, which is what Cairo's PDF surface embeds (the image checks read the file before).
    private func undecodedJPEG(_ file: URL) throws -> (OpaquePointer, Double, Double) {
        // Its size from its frame header (its segments were checked whole before, `ImageIntegrity`): a
        // PDF build never loads gdk-pixbuf and GIO.
        guard let (w, h) = ImageProbe.jpegSize(file) else { throw failure(file, "not a JPEG image with a frame header") }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
        if let problem = attachBytes(of: file, to: surface) {
            cairo_surface_destroy(surface)
            throw failure(file, problem)
        }
        return (surface, Double(w), Double(h))
    }

    /// The logo's drawing in a recording surface (`SVGDrawing`), and its size.
    private func svg(_ file: URL) throws -> (surface: OpaquePointer, width: Double, height: Double) {
        try ImageStore.vectors(file) { try self.replayed(file) }
    }

    /// A new recording surface of the logo `file`.
    private func replayed(_ file: URL) throws -> (OpaquePointer, Double, Double) {
        do {
            return try SVGDrawing.surface(of: file)
        } catch {
            throw failure(file, error.reason)
        }
    }

    /// Paints `image` scaled into `rect`, clipped to it (a bare paint inside a tag damages Cairo's PDF).
    func draw(_ image: ImageBlock, in rect: Rect, on cr: OpaquePointer) throws {
        let vectors = image.kind == .svg
        var (surface, w, h) = vectors ? try svg(image.file) : try surface(for: image)
        var spare: OpaquePointer?
        if !usedOnPage.insert(image.file).inserted {
            (surface, w, h) = vectors ? try replayed(image.file) : try decode(image)
            spare = surface
        }
        defer { if let spare { cairo_surface_destroy(spare) } }
        cairo_save(cr)
        cairo_rectangle(cr, rect.minX.pt, rect.minY.pt, rect.size.width.pt, rect.size.height.pt)
        cairo_clip(cr)
        cairo_translate(cr, rect.minX.pt, rect.minY.pt)
        cairo_scale(cr, rect.size.width.pt / w, rect.size.height.pt / h)
        cairo_set_source_surface(cr, surface, 0, 0)
        if !vectors { cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD) }
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
