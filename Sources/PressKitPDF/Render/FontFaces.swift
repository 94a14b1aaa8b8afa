import CCairo
import Foundation
import PressKitModel
import PressKitLayout

/// Cairo font faces for the faces glyph runs name, each loaded once per document from its font file
/// (through a fontconfig pattern naming the file, so nothing is substituted), with the emboldening
/// and shear the shaper measured with. Made, used and let go while `CairoLock` is held.
final class FontFaces {
    private var faces: [FontFace: OpaquePointer] = [:]
    /// What one call to `draw` gathers: kept between calls, so they allocate nothing once grown.
    fileprivate var scratch = GatheredText()
    /// The face asked for last, and its Cairo face.
    private var last: (face: FontFace, cairo: OpaquePointer)?

    /// The Cairo face of `face`; nil when Cairo cannot make one (the error is Cairo's status).
    func cairoFace(_ face: FontFace) -> OpaquePointer? {
        // Most groups are in the face of the one before: no hashing of its file's path then.
        if let last, last.face == face { return last.cairo }
        if let known = faces[face] { last = (face, known); return known }
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        FcPatternAddString(pattern, FC_FILE, face.file)
        FcPatternAddInteger(pattern, FC_INDEX, Int32(face.index))
        if face.embolden { FcPatternAddBool(pattern, FC_EMBOLDEN, 1) }
        if face.matrix != [1, 0, 0, 1] {
            var matrix = FcMatrix(xx: face.matrix[0], xy: face.matrix[1], yx: face.matrix[2], yy: face.matrix[3])
            FcPatternAddMatrix(pattern, FC_MATRIX, &matrix)
        }
        guard let made = cairo_ft_font_face_create_for_pattern(pattern) else { return nil }
        faces[face] = made
        last = (face, made)
        return made
    }

    deinit { for face in faces.values { cairo_font_face_destroy(face) } }
}

extension FontFaces {
    /// Draws a line's runs (in reading order) with its origin at (`x`, `y`) on the baseline: see `GatheredText.gather`.
    func draw(_ runs: [GlyphRun], at x: Double, _ y: Double, on cr: OpaquePointer, end: LineEnd = .none, wholeWords: Bool = false) {
        // The buffers kept from one call to the next, taken out of the object while they are filled.
        var gathered = GatheredText()
        swap(&gathered, &scratch)
        defer { swap(&gathered, &scratch) }
        gathered.removeAll()
        let shows = gathered.gather(runs, at: x, y, end: end, wholeWords: wholeWords)
        show(gathered, shows, on: cr)
    }

    /// Shows `shows` of `gathered` on `cr`, one call to Cairo each.
    func show(_ gathered: GatheredText, _ shows: Range<Int>, on cr: OpaquePointer) {
        for k in shows {
            let show = gathered.shows[k]
            guard let face = cairoFace(show.face) else { continue }
            cairo_set_font_face(cr, face)
            // Font expansion widens the glyphs, not their height.
            var matrix = cairo_matrix_t()
            cairo_matrix_init(&matrix, show.size * show.scale, 0, 0, show.size, 0, 0)
            cairo_set_font_matrix(cr, &matrix)
            let flags = show.rightToLeft ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0)
            gathered.text.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { utf8 in
                    gathered.glyphs.withUnsafeBufferPointer { glyphs in
                        gathered.clusters.withUnsafeBufferPointer { clusters in
                            // An empty buffer has no address: Cairo takes NULL for a count of 0.
                            cairo_show_text_glyphs(cr, utf8.baseAddress.map { $0 + show.text.lowerBound }, Int32(show.text.count),
                                                   glyphs.baseAddress.map { $0 + show.glyphs.lowerBound }, Int32(show.glyphs.count),
                                                   clusters.baseAddress.map { $0 + show.clusters.lowerBound }, Int32(show.clusters.count), flags)
                        }
                    }
                }
            }
        }
    }
}
