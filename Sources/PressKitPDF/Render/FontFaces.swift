import CCairo
import Foundation
import PressKitModel
import PressKitLayout

/// Cairo font faces for the faces glyph runs name, each loaded once per document from its font file
/// (through a fontconfig pattern naming the file, so nothing is substituted), with the emboldening
/// and shear the shaper measured with.
final class FontFaces {
    private var faces: [FontFace: OpaquePointer] = [:]

    /// The Cairo face of `face`; nil when Cairo cannot make one (the error is Cairo's status).
    func cairoFace(_ face: FontFace) -> OpaquePointer? {
        if let known = faces[face] { return known }
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
        return made
    }

    deinit { for face in faces.values { cairo_font_face_destroy(face) } }
}

extension FontFaces {
    /// Draws `run` with its origin at (`x`, `y`) on the baseline, its text attached to its glyphs
    /// (so a PDF's text can be copied and read aloud, ligatures and right-to-left runs included).
    func draw(_ run: GlyphRun, at x: Double, _ y: Double, on cr: OpaquePointer) {
        guard let face = cairoFace(run.face) else { return }
        cairo_set_font_face(cr, face)
        cairo_set_font_size(cr, run.size.pt)
        let originX = x + run.x.pt
        var glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.id), x: originX + $0.x.pt, y: y + $0.y.pt) }
        var clusters = run.clusters.map { cairo_text_cluster_t(num_bytes: Int32($0.bytes), num_glyphs: Int32($0.glyphs)) }
        let flags = run.rightToLeft ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0)
        run.text.withCString { text in
            cairo_show_text_glyphs(cr, text, Int32(run.text.utf8.count), &glyphs, Int32(glyphs.count),
                                   &clusters, Int32(clusters.count), flags)
        }
    }
}
