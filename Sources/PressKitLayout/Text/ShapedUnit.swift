import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// A piece of text shaped once by Pango/HarfBuzz (a word, a word's start with its hyphen, a space):
/// its advance width, its extents, its glyph runs (what frames carry to the renderer), and the positions
/// the setter asks for (cluster edges, and the letters inside a cluster), all read when it is shaped: the
/// Pango layout is let go at once, not kept for every word of the cache.
public final class ShapedUnit: @unchecked Sendable {
    public let text: String
    public let width: Double
    /// The advance of the whole text, a trailing space included (a space's own width).
    public let advance: Double
    public let ascent: Double
    public let descent: Double
    /// Link areas within the unit, as horizontal spans from its start.
    public let links: [(x: Double, width: Double, target: String)]
    /// The glyphs to draw, in runs of one face, placed from the unit's start.
    public let runs: [GlyphRun]
    /// Whether some character of the text has no glyph in any shipped font (counted once, when shaped:
    /// the setter asks for every use of the unit).
    let hasUnknownGlyphs: Bool

    init(layout: OpaquePointer, text: String, links: [(Int, Int, String)], reader: GlyphRunReader) {
        self.text = text
        runs = reader.runs(of: layout)
        hasUnknownGlyphs = pango_layout_get_unknown_glyphs_count(layout) > 0
        var logical = PangoRectangle()
        let line = pango_layout_get_line_readonly(layout, 0)
        if let line { pango_layout_line_get_extents(line, nil, &logical) }
        let scale = Double(PANGO_SCALE)
        var end = PangoRectangle()
        pango_layout_index_to_pos(layout, Int32(text.utf8.count), &end)
        advance = max(Double(end.x) / scale, Double(logical.width) / scale)
        if text.hasSuffix(" ") {
            // A trailing space is drawn for text extraction but takes no room: spacing is the setter's.
            var rect = PangoRectangle()
            pango_layout_index_to_pos(layout, Int32(text.utf8.count - 1), &rect)
            width = Double(rect.x) / scale
        } else {
            width = Double(logical.width) / scale
        }
        ascent = Double(-logical.y) / scale
        descent = Double(logical.height + logical.y) / scale
        endX = Double(end.x) / scale
        clusters = Self.clusters(of: layout)
        innerEdges = Self.innerEdges(of: layout, text: text, clusters: clusters)
        // Each link's area from the clusters it covers, merged where they touch: one pass over the unit.
        var spans: [(x: Double, width: Double, target: String)] = []
        for (start, end, target) in links where start < end {
            var k = Self.firstCluster(atOrAfter: start, in: clusters)
            var pieces: [(Double, Double)] = []
            while k < clusters.count, clusters[k].index < end {
                pieces.append((clusters[k].left, clusters[k].right))
                k += 1
            }
            pieces.sort { $0.0 < $1.0 }
            for (left, right) in pieces where right > left {
                if let last = spans.last, last.target == target, abs(last.x + last.width - left) < 0.01 {
                    spans[spans.count - 1].width = right - last.x
                } else {
                    spans.append((left, right - left, target))
                }
            }
        }
        self.links = spans
    }

    /// One grapheme cluster of the unit: its first byte, its left and right edges, and its direction.
    /// A cluster's first byte and its edges on the line, kept in Pango units (exact: Pango gives them so),
    /// 16 bytes where three words and a flag took 32: a build keeps every word's clusters.
    struct Cluster {
        private var start, leftUnits, rightUnits: Int32
        var rightToLeft: Bool
        var index: Int { Int(start) }
        var left: Double { Double(leftUnits) / Double(PANGO_SCALE) }
        var right: Double { Double(rightUnits) / Double(PANGO_SCALE) }
        init(index: Int32, leftUnits: Int32, rightUnits: Int32, rightToLeft: Bool) {
            start = index; self.leftUnits = leftUnits; self.rightUnits = rightUnits; self.rightToLeft = rightToLeft
        }
    }

    /// The unit's clusters in logical order, each with its place on the line: read once, in one pass.
    let clusters: [Cluster]

    private static func clusters(of layout: OpaquePointer) -> [Cluster] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        var out: [Cluster] = []
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_cluster_extents(iter, nil, &logical)
            let rtl = run.pointee.item.pointee.analysis.level % 2 == 1
            out.append(Cluster(index: pango_layout_iter_get_index(iter), leftUnits: logical.x, rightUnits: logical.x + logical.width, rightToLeft: rtl))
        } while pango_layout_iter_next_cluster(iter) != 0
        out.sort { $0.index < $1.index }
        return out
    }

    /// The position of the first cluster starting at or after byte `index` (binary search).
    static func firstCluster(atOrAfter index: Int, in clusters: [Cluster]) -> Int {
        var low = 0, high = clusters.count
        while low < high {
            let mid = (low + high) / 2
            if clusters[mid].index < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Where the text's end stands (Pango's position of the byte after the last).
    private let endX: Double
    /// Pango's position of each scalar that starts no cluster (a ligature's second letter, a mark after its
    /// letter), by byte index, in order: most words have none.
    private let innerEdges: [(index: Int, x: Double)]

    private static func innerEdges(of layout: OpaquePointer, text: String, clusters: [Cluster]) -> [(index: Int, x: Double)] {
        var out: [(index: Int, x: Double)] = []
        var k = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            // Only scalar boundaries: a UTF-8 continuation byte starts no scalar.
            guard byte & 0xC0 != 0x80 else { continue }
            while k < clusters.count, clusters[k].index < index { k += 1 }
            guard k == clusters.count || clusters[k].index != index else { continue }
            var rect = PangoRectangle()
            pango_layout_index_to_pos(layout, Int32(index), &rect)
            out.append((index, Double(rect.x) / Double(PANGO_SCALE)))
        }
        return out
    }

    /// The x position of the byte `index` of the unit's text, in points, for a byte that starts a scalar (or
    /// the text's end): the leading edge of the cluster starting there, else Pango's position inside its
    /// cluster, both read when the unit was shaped.
    public func x(atByte index: Int) -> Double {
        let k = Self.firstCluster(atOrAfter: index, in: clusters)
        if k < clusters.count, clusters[k].index == index { return clusters[k].rightToLeft ? clusters[k].right : clusters[k].left }
        if index >= text.utf8.count { return endX }
        var low = 0, high = innerEdges.count
        while low < high {
            let mid = (low + high) / 2
            if innerEdges[mid].index < index { low = mid + 1 } else { high = mid }
        }
        if low < innerEdges.count, innerEdges[low].index == index { return innerEdges[low].x }
        // A byte inside a scalar is never asked for: it reads as the edge of the cluster holding it.
        guard !clusters.isEmpty else { return 0 }
        let holder = clusters[max(0, k - 1)]
        return holder.rightToLeft ? holder.right : holder.left
    }
}
