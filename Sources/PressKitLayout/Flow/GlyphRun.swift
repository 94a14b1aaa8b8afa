import Foundation
import PressKitModel

/// A font as a renderer loads it: a font file and the face in it, with what the font configuration adds
/// to it (synthetic emboldening, a shear for a synthetic oblique), so every backend draws the glyphs the
/// shaper measured.
public struct FontFace: Hashable, Sendable {
    /// The font file's path.
    public var file: String
    /// The face's index in the file (a collection or a variable font's named instance, as fontconfig counts).
    public var index: Int
    /// Whether the renderer must embolden the outlines (a bold asked of a family without one).
    public var embolden = false
    /// The transformation applied to the outlines, as xx, xy, yx, yy (identity for a real face).
    public var matrix: [Double] = [1, 0, 0, 1]

    public init(file: String, index: Int, embolden: Bool = false, matrix: [Double] = [1, 0, 0, 1]) {
        self.file = file; self.index = index; self.embolden = embolden; self.matrix = matrix
    }
}

/// One glyph of a run: its id in the face, where its origin sits from the run's origin on the baseline,
/// and how far it moves the pen. The positions are kept in Pango units (1/1024 pt), the shaper's own,
/// which hold every position it gives exactly: 20 bytes a glyph instead of 40, for the glyphs a build keeps
/// from its first page to its last.
public struct Glyph: Hashable, Sendable {
    public var id: UInt32
    private var xUnits, yUnits, advanceUnits, offsetUnits: Int32

    public var x: Length { get { Self.length(xUnits) } set { xUnits = Self.units(newValue) } }
    /// Downwards from the baseline (page coordinates).
    public var y: Length { get { Self.length(yUnits) } set { yUnits = Self.units(newValue) } }
    /// The advance: from the pen position before the glyph to the next one (its offsets aside).
    public var advance: Length { get { Self.length(advanceUnits) } set { advanceUnits = Self.units(newValue) } }
    /// How far the glyph is drawn from its pen position (a mark over its base letter).
    public var offset: Length { get { Self.length(offsetUnits) } set { offsetUnits = Self.units(newValue) } }

    public init(id: UInt32, x: Length, y: Length = .zero, advance: Length = .zero, offset: Length = .zero) {
        self.id = id
        xUnits = Self.units(x); yUnits = Self.units(y); advanceUnits = Self.units(advance); offsetUnits = Self.units(offset)
    }

    /// Pango units per point.
    static let scale = 1024.0

    /// `length` in Pango units; a length between two units (none the shaper gives) is rounded to the nearest.
    static func units(_ length: Length) -> Int32 {
        let units = (length.pt * scale).rounded()
        assert(units == length.pt * scale, "\(length.pt) pt is not a whole number of Pango units")
        return Int32(units)
    }

    static func length(_ units: Int32) -> Length { .pt(Double(units) / scale) }
}

/// A minimal mapping between text and glyphs: `bytes` UTF-8 bytes of the run's text shown by `glyphs` glyphs.
public struct TextCluster: Hashable, Sendable {
    private var byteCount, glyphCount: Int32
    public var bytes: Int { get { Int(byteCount) } set { byteCount = Int32(newValue) } }
    public var glyphs: Int { get { Int(glyphCount) } set { glyphCount = Int32(newValue) } }
    public init(bytes: Int, glyphs: Int) { byteCount = Int32(bytes); glyphCount = Int32(glyphs) }
}

/// Glyphs in one face and size with the text they show, as shaped once: shared by every line that
/// shows them, so a frame holds a reference and a position, not a copy.
public final class ShapedGlyphs: Sendable {
    public let face: FontFace
    /// The em size, in points.
    public let size: Length
    /// The glyphs, in visual order (left to right), placed from the run's origin.
    public let glyphs: [Glyph]
    /// The characters the glyphs show, in logical order.
    public let text: String
    /// The clusters, in logical order; they cover all of `text` and all of `glyphs`.
    public let clusters: [TextCluster]
    /// Whether the text reads right to left: the first cluster then maps the last glyphs.
    public let rightToLeft: Bool
    /// The pen advance of all the glyphs.
    public let advance: Length

    public init(face: FontFace, size: Length, glyphs: [Glyph], text: String, clusters: [TextCluster], rightToLeft: Bool) {
        self.face = face; self.size = size; self.glyphs = glyphs; self.text = text; self.clusters = clusters
        self.rightToLeft = rightToLeft; self.advance = glyphs.reduce(.zero) { $0 + $1.advance }
    }
}

/// A run of glyphs placed on a line: what a backend draws, and how the PDF's text layer maps the glyphs
/// back to characters.
public struct GlyphRun: Sendable {
    /// The glyphs and their text.
    public let shaped: ShapedGlyphs
    /// Where the run's origin sits from the line's origin, along the baseline.
    public var x: Length
    /// The horizontal scale of the glyphs and their positions: font expansion of a justified line (1 ± 0.02).
    public var scale: Double
    /// The language of a passage in another language than its paragraph's (`[words]{lang=en}`), for the
    /// tagged PDF's `/Lang`; nil for the paragraph's own.
    public var language: String?

    public init(_ shaped: ShapedGlyphs, x: Length = .zero, scale: Double = 1) { self.shaped = shaped; self.x = x; self.scale = scale }

    public init(face: FontFace, size: Length, x: Length = .zero, glyphs: [Glyph], text: String, clusters: [TextCluster],
                rightToLeft: Bool = false) {
        self.init(ShapedGlyphs(face: face, size: size, glyphs: glyphs, text: text, clusters: clusters, rightToLeft: rightToLeft), x: x)
    }

    public var face: FontFace { shaped.face }
    public var size: Length { shaped.size }
    public var glyphs: [Glyph] { shaped.glyphs }
    public var text: String { shaped.text }
    public var clusters: [TextCluster] { shaped.clusters }
    public var rightToLeft: Bool { shaped.rightToLeft }
    public var advance: Length { shaped.advance * scale }

    /// The horizontal extent of each cluster, from the pen positions and advances of its glyphs, in
    /// logical order, relative to the line's origin: the boxes that may touch but never overlap.
    public var clusterBoxes: [(text: Substring, from: Length, to: Length)] {
        var out: [(Substring, Length, Length)] = []
        let bytes = Array(text.utf8)
        let glyphs = self.glyphs
        var offset = 0
        var glyph = rightToLeft ? glyphs.count : 0
        for cluster in clusters {
            let range = rightToLeft ? (glyph - cluster.glyphs)..<glyph : glyph..<(glyph + cluster.glyphs)
            glyph = rightToLeft ? range.lowerBound : range.upperBound
            let piece = String(decoding: bytes[offset..<offset + cluster.bytes], as: UTF8.self)
            offset += cluster.bytes
            guard let first = range.first else { continue }
            let from = glyphs[first].x - glyphs[first].offset
            let to = range.reduce(from) { $0 + glyphs[$1].advance }
            out.append((Substring(piece), x + from * scale, x + to * scale))
        }
        return out
    }

}

extension GlyphRun {
    /// The run cut in two at the first cluster starting at or past `x` (from the line's origin), left to
    /// right, each part keeping its glyphs, text and clusters: so a link ending inside a shaped word
    /// ("site" of "site,") colours only its own letters. Nil when `x` falls outside the run or the run
    /// reads right to left.
    public func split(at x: Length) -> (GlyphRun, GlyphRun)? {
        guard !rightToLeft else { return nil }
        let bytes = Array(text.utf8)
        var glyph = 0, byte = 0
        for (index, cluster) in clusters.enumerated() {
            if glyph > 0, glyph < glyphs.count {
                let pen = glyphs[glyph].x - glyphs[glyph].offset
                if self.x + pen * scale >= x - .pt(0.01) {
                    return (part(0..<glyph, bytes[0..<byte], clusters[..<index], shift: .zero),
                            part(glyph..<glyphs.count, bytes[byte...], clusters[index...], shift: pen))
                }
            }
            glyph += cluster.glyphs
            byte += cluster.bytes
        }
        return nil
    }

    /// Glyphs `range` of the run with their text and clusters, as a run of its own moved `shift` along.
    private func part(_ range: Range<Int>, _ bytes: ArraySlice<UInt8>, _ clusters: ArraySlice<TextCluster>, shift: Length) -> GlyphRun {
        let moved = glyphs[range].map { Glyph(id: $0.id, x: $0.x - shift, y: $0.y, advance: $0.advance, offset: $0.offset) }
        var run = GlyphRun(ShapedGlyphs(face: face, size: size, glyphs: moved, text: String(decoding: bytes, as: UTF8.self),
                                        clusters: Array(clusters), rightToLeft: false), x: self.x + shift * scale, scale: scale)
        run.language = language
        return run
    }
}
