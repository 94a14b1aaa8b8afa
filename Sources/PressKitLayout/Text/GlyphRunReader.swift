import CCairoPango
import Foundation
import PressKitModel

/// Reads what Pango shaped into typed glyph runs: the face each run uses (its font file, index, and what
/// fontconfig adds to it), the glyphs' ids and positions, and the clusters tying glyphs to text. This is
/// where Pango's objects stop: frames and renderers see only the runs. Faces are remembered per Pango
/// font, which Pango itself keeps for the life of the font map.
final class GlyphRunReader: @unchecked Sendable {
    private var faces: [UnsafeMutableRawPointer: FontFace] = [:]
    private let lock = NSLock()

    /// The glyph runs of the first line of `layout`, in visual order, placed from the line's start.
    func runs(of layout: OpaquePointer) -> [GlyphRun] {
        guard let line = pango_layout_get_line_readonly(layout, 0), let text = pango_layout_get_text(layout) else { return [] }
        let scale = Double(PANGO_SCALE)
        var out: [GlyphRun] = []
        var x = 0.0
        var node = line.pointee.runs
        while let current = node {
            defer { node = current.pointee.next }
            guard let run = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                  let item = run.pointee.item, let glyphString = run.pointee.glyphs else { continue }
            let count = Int(glyphString.pointee.num_glyphs)
            let infos = glyphString.pointee.glyphs!
            // Glyphs that draw nothing (Pango's empty glyph, or a character no font has) are left out; a
            // cluster then counts only the glyphs it keeps.
            // Kept for the build (shaped units are cached): room for exactly what they may hold, not the
            // doubling of appends.
            var kept: [Glyph] = []
            kept.reserveCapacity(count)
            var keptBefore = [Int](repeating: 0, count: count + 1)
            var advance = 0.0
            for i in 0..<count {
                let info = infos[i]
                keptBefore[i] = kept.count
                let id = info.glyph
                if id != PANGO_GLYPH_EMPTY, id & PANGO_GLYPH_UNKNOWN_FLAG == 0 {
                    kept.append(Glyph(id: id, x: .pt(advance + Double(info.geometry.x_offset) / scale),
                                      y: .pt(Double(info.geometry.y_offset) / scale), advance: .pt(Double(info.geometry.width) / scale),
                                      offset: .pt(Double(info.geometry.x_offset) / scale)))
                }
                advance += Double(info.geometry.width) / scale
            }
            keptBefore[count] = kept.count
            let rightToLeft = item.pointee.analysis.level % 2 == 1
            var clusters: [TextCluster] = []
            clusters.reserveCapacity(count)  // a cluster has one glyph at least
            var iter = PangoGlyphItemIter()
            if pango_glyph_item_iter_init_start(&iter, run, text) != 0 {
                repeat {
                    let low = Int(min(iter.start_glyph, iter.end_glyph)), high = Int(max(iter.start_glyph, iter.end_glyph))
                    // In a right-to-left run the iterator's glyph range is (end, start]: glyphs end+1 … start.
                    let first = rightToLeft ? low + 1 : low, last = rightToLeft ? high + 1 : high
                    clusters.append(TextCluster(bytes: Int(iter.end_index - iter.start_index),
                                                glyphs: keptBefore[min(last, count)] - keptBefore[max(0, first)]))
                } while pango_glyph_item_iter_next_cluster(&iter) != 0
            }
            let start = Int(item.pointee.offset), length = Int(item.pointee.length)
            let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(text) + start, count: length)
            if let font = item.pointee.analysis.font, !kept.isEmpty || length > 0 {
                out.append(GlyphRun(face: face(of: font), size: size(of: font), x: .pt(x), glyphs: kept,
                                    text: String(decoding: bytes, as: UTF8.self), clusters: clusters, rightToLeft: rightToLeft))
            }
            x += advance
        }
        return out
    }

    /// The face Pango chose, as fontconfig describes it.
    private func face(of font: UnsafeMutablePointer<PangoFont>) -> FontFace {
        let key = UnsafeMutableRawPointer(font)
        return lock.withLock {
            if let known = faces[key] { return known }
            var face = FontFace(file: "", index: 0)
            if let pattern = pango_fc_font_get_pattern(key.assumingMemoryBound(to: PangoFcFont.self)) {
                var file: UnsafeMutablePointer<FcChar8>?
                if FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch, let file {
                    face.file = String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
                }
                var index: Int32 = 0
                if FcPatternGetInteger(pattern, FC_INDEX, 0, &index) == FcResultMatch { face.index = Int(index) }
                var embolden: FcBool = 0
                if FcPatternGetBool(pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch { face.embolden = embolden != 0 }
                var matrix: UnsafeMutablePointer<FcMatrix>?
                if FcPatternGetMatrix(pattern, FC_MATRIX, 0, &matrix) == FcResultMatch, let m = matrix?.pointee {
                    face.matrix = [m.xx, m.xy, m.yx, m.yy]
                }
            }
            faces[key] = face
            return face
        }
    }

    /// The em size Pango draws the font at, in points.
    private func size(of font: UnsafeMutablePointer<PangoFont>) -> Length {
        let description = pango_font_describe_with_absolute_size(font)
        defer { pango_font_description_free(description) }
        return .pt(Double(pango_font_description_get_size(description)) / Double(PANGO_SCALE))
    }
}
