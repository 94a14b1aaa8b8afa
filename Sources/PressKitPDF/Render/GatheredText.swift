import CCairo
import Foundation
import PressKitModel
import PressKitLayout

/// Lines' glyphs, clusters and UTF-8 text gathered for Cairo, without Cairo: the calls to make kept in
/// three buffers (no string is built). Gathered on any thread, shown on the one that draws (`FontFaces.show`).
struct GatheredText: @unchecked Sendable {
    /// What one call to Cairo shows: glyphs of one face, size and direction, with their text.
    struct Show {
        var face: FontFace
        var size: Double
        /// Font expansion: the horizontal scale of the glyphs.
        var scale: Double
        var rightToLeft: Bool
        var glyphs: Range<Int>
        var clusters: Range<Int>
        var text: Range<Int>
    }

    var shows: [Show] = []
    /// For a page gathered whole (`PageGathering`): the shows of each item, by its index on the page (nil: an
    /// item drawn otherwise).
    var byItem: [Range<Int>?] = []
    var glyphs: [cairo_glyph_t] = []
    var clusters: [cairo_text_cluster_t] = []
    var text: [UInt8] = []

    /// Empties the buffers, keeping their room.
    mutating func removeAll() {
        shows.removeAll(keepingCapacity: true)
        glyphs.removeAll(keepingCapacity: true)
        clusters.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    /// Gathers a line's runs (in reading order) with its origin at (`x`, `y`) on the baseline; the range of
    /// `shows` they make. Neighbouring runs in one face, size and direction make one show, their text
    /// attached to their glyphs, so a PDF's text can be copied and read aloud word after word, ligatures
    /// and right-to-left runs included.
    /// `end` says whether the runs end a line of text, and how: the hyphen added where a word was broken is
    /// given the text U+00AD, so the word copies and reads whole ("numériques", not "numé-riques"); a word's
    /// own hyphen ending a line ("euro-|méditerranéenne") is drawn with its letter under an /ActualText that
    /// keeps it, so no reader takes it for a hyphenation and drops it.
    /// With `wholeWords` (spaced letters), each run's glyphs are one cluster: the PDF gives the word's text
    /// whole (/ActualText), so its spaced letters copy and read as one word.
    @discardableResult
    mutating func gather(_ runs: [GlyphRun], at x: Double, _ y: Double, end: LineEnd = .none, wholeWords: Bool = false) -> Range<Int> {
        let start = shows.count
        var k = 0
        while k < runs.count {
            let head = runs[k].shaped, scale = runs[k].scale
            var j = k + 1
            while j < runs.count, runs[j].scale == scale, Self.sameFont(runs[j].shaped, head) { j += 1 }
            gather(runs, k..<j, at: x, y, end: j == runs.count ? end : .none, wholeWords: wholeWords)
            k = j
        }
        return start..<shows.count
    }

    /// Whether two runs' glyphs are drawn in one face, size and direction (the same glyphs, most often).
    private static func sameFont(_ a: ShapedGlyphs, _ b: ShapedGlyphs) -> Bool {
        a === b || (a.size == b.size && a.rightToLeft == b.rightToLeft && a.face == b.face)
    }

    /// Runs `group` of `runs`, of one face, size and direction, in reading order, as one show.
    private mutating func gather(_ runs: [GlyphRun], _ group: Range<Int>, at x: Double, _ y: Double, end: LineEnd, wholeWords: Bool) {
        let first = runs[group.lowerBound].shaped
        let (glyphStart, clusterStart, textStart) = (glyphs.count, clusters.count, text.count)
        // Glyphs go left to right: a right-to-left group's reading order is the other way.
        func place(_ i: Int) {
            let originX = x + runs[i].x.pt, runScale = runs[i].scale
            runs[i].shaped.glyphs.withUnsafeBufferPointer { placed in
                for g in placed { glyphs.append(cairo_glyph_t(index: UInt(g.id), x: originX + g.x.pt * runScale, y: y + g.y.pt)) }
            }
        }
        if first.rightToLeft { for i in group.reversed() { place(i) } } else { for i in group { place(i) } }
        for i in group {
            let shaped = runs[i].shaped
            let count = text.count
            shaped.text.utf8.withContiguousStorageIfAvailable { text.append(contentsOf: $0) } ?? text.append(contentsOf: shaped.text.utf8)
            if wholeWords, shaped.glyphs.count > 1, !shaped.text.isEmpty {
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(text.count - count), num_glyphs: Int32(shaped.glyphs.count)))
            } else {
                shaped.clusters.withUnsafeBufferPointer { kept in
                    for c in kept { clusters.append(cairo_text_cluster_t(num_bytes: Int32(c.bytes), num_glyphs: Int32(c.glyphs))) }
                }
            }
        }
        if end != .none, !first.rightToLeft, text.count > textStart, text.last == UInt8(ascii: "-"), clusters.count > clusterStart,
           case let last = clusters.count - 1, clusters[last].num_bytes == 1 {
            if end == .hyphenated {
                text.removeLast()
                text.append(contentsOf: [0xC2, 0xAD])  // U+00AD
                clusters[last].num_bytes = 2
            } else if last > clusterStart, clusters[last].num_glyphs == 1,
                      String(decoding: text[textStart..<(text.count - 1)], as: UTF8.self).last?.isLetter == true {
                // One cluster of two glyphs has no single glyph's text: Cairo writes its /ActualText.
                clusters[last - 1].num_bytes += 1
                clusters[last - 1].num_glyphs += 1
                clusters.removeLast()
            }
        }
        shows.append(Show(face: first.face, size: first.size.pt, scale: runs[group.lowerBound].scale, rightToLeft: first.rightToLeft,
                          glyphs: glyphStart..<glyphs.count, clusters: clusterStart..<clusters.count, text: textStart..<text.count))
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
