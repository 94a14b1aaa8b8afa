import CCairo
import CImages
import CLogoLibraries
import Foundation
import PressKitDocument
import PressKitModel

/// An SVG logo as Cairo draws it: librsvg's drawing recorded once as CairoScript (kept between runs by
/// `SVGScriptCache`), replayed by Cairo's script interpreter into a recording surface, which a PDF paints
/// as one form XObject wherever the logo appears. A logo is always drawn from its script, recorded this
/// run or an earlier one, so a build with the logo already recorded writes the same PDF as the build that
/// recorded it, without loading librsvg. A script is kept only if its replay draws what librsvg draws
/// (both rasterized at twice the logo's size when it is recorded): CairoScript loses some of what librsvg
/// does (an SVG mask draws nothing once replayed), and such a logo is drawn by librsvg into the recording
/// surface at every build. Used only while `CairoLock` is held, like every Cairo object.
enum SVGDrawing {
    /// Why a logo could not be drawn, for the message naming its file.
    struct Failure: Error { var reason: String }

    /// The recorded drawing of the SVG `file` and its size: from the cache when it holds the drawing of the
    /// file's bytes by these libraries, else parsed and drawn by librsvg now into a script (and cached).
    static func script(of file: URL) throws(Failure) -> SVGScriptCache.Entry {
        let key = SVGScriptCache.key(of: file)
        if let key, let entry = SVGScriptCache.entry(key: key) { return entry }
        let entry = try record(file)
        if let key { SVGScriptCache.store(entry, key: key) }
        return entry
    }

    /// A new recording surface of the logo `file`: its script replayed, or librsvg's drawing when it has none.
    static func surface(of file: URL) throws(Failure) -> (surface: OpaquePointer, width: Double, height: Double) {
        let entry = try script(of: file)
        if entry.script == nil {
            let handle = try parsed(file)
            defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
            return (try drawn(handle, width: entry.width, height: entry.height), Double(entry.width), Double(entry.height))
        }
        return (try replay(entry), Double(entry.width), Double(entry.height))
    }

    /// librsvg's handle of `file`, parsed.
    static func parsed(_ file: URL) throws(Failure) -> OpaquePointer {
        var error: UnsafeMutablePointer<GError>?
        guard let handle = pk_rsvg_handle_new_from_file(file.path, &error) else {
            throw Failure(reason: take(error) ?? "unknown error")
        }
        return handle
    }

    /// librsvg's drawing of the parsed logo into a new recording surface of its size.
    static func drawn(_ handle: OpaquePointer, width: Int, height: Int) throws(Failure) -> OpaquePointer {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Double(width), height: Double(height))
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        if let failure = render(handle, on: surface, width: width, height: height) {
            cairo_surface_destroy(surface)
            throw failure
        }
        return surface
    }

    /// Draws the parsed logo at `width` × `height` onto `surface`; what went wrong, or nil.
    private static func render(_ handle: OpaquePointer, on surface: OpaquePointer, width: Int, height: Int) -> Failure? {
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(width), height: Double(height))
        var error: UnsafeMutablePointer<GError>?
        guard pk_rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else { return Failure(reason: take(error) ?? "librsvg could not draw it") }
        let status = cairo_status(cr)
        return status == CAIRO_STATUS_SUCCESS ? nil : Failure(reason: "Cairo could not draw it: " + String(cString: cairo_status_to_string(status)))
    }

    /// librsvg's drawing of `file` at its intrinsic size, as CairoScript; no script when its replay does
    /// not draw the same pixels.
    static func record(_ file: URL) throws(Failure) -> SVGScriptCache.Entry {
        let handle = try parsed(file)
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        guard let (width, height) = ImageProbe.svgSize(handle) else { throw Failure(reason: "the SVG has no size") }
        let sink = ScriptSink()
        let device = cairo_script_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ScriptSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        let surface = cairo_script_surface_create(device, CAIRO_CONTENT_COLOR_ALPHA, Double(width), Double(height))!
        let failure = render(handle, on: surface, width: width, height: height)
        cairo_surface_finish(surface)
        let surfaceStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        cairo_device_finish(device)
        cairo_device_destroy(device)
        if let failure { throw failure }
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else {
            throw Failure(reason: "Cairo could not record its drawing: " + String(cString: cairo_status_to_string(surfaceStatus)))
        }
        let recorded = SVGScriptCache.Entry(width: width, height: height, script: sink.bytes)
        let unrecorded = SVGScriptCache.Entry(width: width, height: height, script: nil)
        let direct = try drawn(handle, width: width, height: height)
        defer { cairo_surface_destroy(direct) }
        guard let replayed = try? replay(recorded) else { return unrecorded }
        defer { cairo_surface_destroy(replayed) }
        return samePixels(direct, replayed, width: width, height: height) ? recorded : unrecorded
    }

    /// Whether two drawings of a logo of `width` × `height` rasterize alike at twice that size (at most
    /// 1,024 pixels a side): no pixel of either differs by more than 16 of 255 in a channel but anti-aliased
    /// edges (at most one in a thousand), where the script's numbers, rounded to six digits, may move an edge
    /// by a fraction of a pixel.
    static func samePixels(_ a: OpaquePointer, _ b: OpaquePointer, width: Int, height: Int) -> Bool {
        let scale = min(2, 1024 / Double(max(width, height, 1)))
        let w = Int32(max(1, (Double(width) * scale).rounded(.up))), h = Int32(max(1, (Double(height) * scale).rounded(.up)))
        func raster(_ drawing: OpaquePointer) -> OpaquePointer {
            let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)!
            let cr = cairo_create(image)
            cairo_scale(cr, scale, scale)
            cairo_set_source_surface(cr, drawing, 0, 0)
            cairo_paint(cr)
            cairo_destroy(cr)
            cairo_surface_flush(image)
            return image
        }
        let x = raster(a), y = raster(b)
        defer { cairo_surface_destroy(x); cairo_surface_destroy(y) }
        guard let p = cairo_image_surface_get_data(x), let q = cairo_image_surface_get_data(y) else { return false }
        let stride = Int(cairo_image_surface_get_stride(x))
        var differing = 0
        for row in 0..<Int(h) {
            for column in 0..<Int(w) {
                let at = row * stride + column * 4
                for channel in 0..<4 where abs(Int(p[at + channel]) - Int(q[at + channel])) > 16 {
                    differing += 1
                    break
                }
            }
        }
        return differing * 1000 <= Int(w) * Int(h)
    }

    /// A new recording surface of `entry`'s size, holding its script's drawing.
    static func replay(_ entry: SVGScriptCache.Entry) throws(Failure) -> OpaquePointer {
        guard let script = entry.script else { throw Failure(reason: "its drawing was not recorded") }
        guard pk_csi_load() != 0 else {
            throw Failure(reason: "Cairo's script interpreter cannot be loaded: " + (pk_csi_load_error().map { String(cString: $0) } ?? ""))
        }
        let target = ReplayTarget()
        var hooks = cairo_script_interpreter_hooks_t()
        hooks.closure = Unmanaged.passUnretained(target).toOpaque()
        // The script's one page surface, `<< … >> surface`; what it makes besides (groups, masks) is its own.
        hooks.surface_create = { closure, content, width, height, _ in
            let target = Unmanaged<ReplayTarget>.fromOpaque(closure!).takeUnretainedValue()
            var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
            let surface = cairo_recording_surface_create(content, &extents)
            if target.surface == nil { target.surface = cairo_surface_reference(surface) }
            return surface
        }
        let interpreter = pk_csi_create()
        pk_csi_install_hooks(interpreter, &hooks)
        var status = script.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { pk_csi_feed_string(interpreter, $0.baseAddress, Int32($0.count)) }
        }
        let finished = pk_csi_finish(interpreter)
        if status == CAIRO_STATUS_SUCCESS { status = finished }
        let destroyed = pk_csi_destroy(interpreter)
        if status == CAIRO_STATUS_SUCCESS { status = destroyed }
        guard let surface = target.surface else { throw Failure(reason: "its recorded drawing holds no surface") }
        if status == CAIRO_STATUS_SUCCESS { status = cairo_surface_status(surface) }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw Failure(reason: "its recorded drawing cannot be replayed: " + String(cString: cairo_status_to_string(status)))
        }
        return surface
    }

    /// GLib's message, the error freed.
    private static func take(_ error: UnsafeMutablePointer<GError>?) -> String? {
        guard let error else { return nil }
        defer { g_error_free(error) }
        return String(cString: error.pointee.message)
    }

    /// Where the script surface writes.
    private final class ScriptSink { var bytes: [UInt8] = [] }
    /// The surface a replay drew into.
    private final class ReplayTarget { var surface: OpaquePointer? }
}
