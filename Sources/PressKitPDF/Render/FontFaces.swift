import CCairo
import Foundation
import PressKitModel
import PressKitLayout

/// Cairo font faces for the faces glyph runs name, each loaded once per document from its font file
/// (through a fontconfig pattern naming the file, so nothing is substituted), with the emboldening
/// and shear the shaper measured with. Made, used and let go while `CairoLock` is held.
final class FontFaces {
    private var faces: [FontFace: OpaquePointer] = [:]
    /// What one call to Cairo draws: kept between calls, so they allocate nothing once grown.
    private var glyphs: [cairo_glyph_t] = []
    private var clusters: [cairo_text_cluster_t] = []
    private var text: [UInt8] = []

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
    /// Draws a line's runs (in reading order) with its origin at (`x`, `y`) on the baseline. Neighbouring runs
    /// in one face, size and direction are drawn as one, their text attached to their glyphs, so a PDF's text
    /// can be copied and read aloud word after word, ligatures and right-to-left runs included.
    /// `end` says whether the runs end a line of text, and how: the hyphen added where a word was broken is
    /// given the text U+00AD, so the word copies and reads whole ("numériques", not "numé-riques"); a word's
    /// own hyphen ending a line ("euro-|méditerranéenne") is drawn with its letter under an /ActualText that
    /// keeps it, so no reader takes it for a hyphenation and drops it.
    /// With `wholeWords` (spaced letters), each run's glyphs are one cluster: the PDF gives the word's text
    /// whole (/ActualText), so its spaced letters copy and read as one word.
    func draw(_ runs: [GlyphRun], at x: Double, _ y: Double, on cr: OpaquePointer, end: LineEnd = .none, wholeWords: Bool = false) {
        var k = 0
        while k < runs.count {
            var j = k + 1
            while j < runs.count, runs[j].face == runs[k].face, runs[j].size == runs[k].size, runs[j].rightToLeft == runs[k].rightToLeft,
                  runs[j].scale == runs[k].scale {
                j += 1
            }
            draw(runs[k..<j], at: x, y, on: cr, end: j == runs.count ? end : .none, wholeWords: wholeWords)
            k = j
        }
    }

    /// Runs of one face, size and direction, in reading order, in one call. The glyphs, clusters and UTF-8
    /// text handed to Cairo are gathered in buffers kept from one call to the next (no string is built).
    private func draw(_ group: ArraySlice<GlyphRun>, at x: Double, _ y: Double, on cr: OpaquePointer, end: LineEnd, wholeWords: Bool) {
        guard let first = group.first, let face = cairoFace(first.face) else { return }
        cairo_set_font_face(cr, face)
        // Font expansion widens the glyphs, not their height.
        var matrix = cairo_matrix_t()
        cairo_matrix_init(&matrix, first.size.pt * first.scale, 0, 0, first.size.pt, 0, 0)
        cairo_set_font_matrix(cr, &matrix)
        glyphs.removeAll(keepingCapacity: true)
        clusters.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        // Glyphs go left to right: a right-to-left group's reading order is the other way.
        func place(_ run: GlyphRun) {
            let originX = x + run.x.pt
            for g in run.glyphs { glyphs.append(cairo_glyph_t(index: UInt(g.id), x: originX + g.x.pt * run.scale, y: y + g.y.pt)) }
        }
        if first.rightToLeft { for run in group.reversed() { place(run) } } else { for run in group { place(run) } }
        for run in group {
            let shaped = run.shaped
            text.append(contentsOf: shaped.text.utf8)
            if wholeWords, shaped.glyphs.count > 1, !shaped.text.isEmpty {
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(shaped.text.utf8.count), num_glyphs: Int32(shaped.glyphs.count)))
            } else {
                for c in shaped.clusters { clusters.append(cairo_text_cluster_t(num_bytes: Int32(c.bytes), num_glyphs: Int32(c.glyphs))) }
            }
        }
        if end != .none, !first.rightToLeft, text.last == UInt8(ascii: "-"), let last = clusters.indices.last, clusters[last].num_bytes == 1 {
            if end == .hyphenated {
                text.removeLast()
                text.append(contentsOf: [0xC2, 0xAD])  // U+00AD
                clusters[last].num_bytes = 2
            } else if last > 0, clusters[last].num_glyphs == 1, String(decoding: text.dropLast(), as: UTF8.self).last?.isLetter == true {
                // One cluster of two glyphs has no single glyph's text: Cairo writes its /ActualText.
                clusters[last - 1].num_bytes += 1
                clusters[last - 1].num_glyphs += 1
                clusters.removeLast()
            }
        }
        let flags = first.rightToLeft ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0)
        text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { utf8 in
                cairo_show_text_glyphs(cr, utf8.baseAddress, Int32(utf8.count), glyphs, Int32(glyphs.count), clusters, Int32(clusters.count), flags)
            }
        }
    }
}

/// How drawn runs end a line of text, for the text a line-end hyphen copies as.
enum LineEnd {
    /// Not the end of a line of text (or a running header or footer).
    case none
    /// The end of a line whose last word is whole.
    case plain
    /// The end of a line whose last word was broken, with a hyphen added.
    case hyphenated
}
