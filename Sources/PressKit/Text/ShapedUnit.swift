import CCairoPango
import Foundation

/// A piece of text shaped once by Pango/HarfBuzz (a word, a word's start with its hyphen, a space):
/// its advance width, its extents, and the layout the renderer draws it from.
public final class ShapedUnit: @unchecked Sendable {
    let layout: OpaquePointer
    public let text: String
    public let width: Double
    /// The advance of the whole text, a trailing space included (a space's own width).
    public let advance: Double
    public let ascent: Double
    public let descent: Double
    /// Link areas within the unit, as horizontal spans from its start.
    public let links: [(x: Double, width: Double, target: String)]

    init(layout: OpaquePointer, text: String, links: [(Int, Int, String)]) {
        g_object_ref(UnsafeMutableRawPointer(layout))
        self.layout = layout
        self.text = text
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
        var spans: [(x: Double, width: Double, target: String)] = []
        if let line {
            for (start, end, target) in links where start < end {
                var ranges: UnsafeMutablePointer<Int32>?
                var n: Int32 = 0
                pango_layout_line_get_x_ranges(line, Int32(start), Int32(end), &ranges, &n)
                if let ranges {
                    for k in 0..<Int(n) where ranges[2 * k + 1] > ranges[2 * k] {
                        spans.append((Double(ranges[2 * k]) / scale, Double(ranges[2 * k + 1] - ranges[2 * k]) / scale, target))
                    }
                    g_free(ranges)
                }
            }
        }
        self.links = spans
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// The x position of the byte `index` of the unit's text (its left edge), in points.
    public func x(atByte index: Int) -> Double {
        var rect = PangoRectangle()
        pango_layout_index_to_pos(layout, Int32(index), &rect)
        return Double(rect.x) / Double(PANGO_SCALE)
    }

    /// Pango's line, for drawing.
    var line: UnsafeMutablePointer<PangoLayoutLine>? { pango_layout_get_line_readonly(layout, 0) }
}

/// A line of units placed at their x positions: what the paragraph setter hands to the renderer.
public final class SetLine: @unchecked Sendable {
    public let units: [(unit: ShapedUnit, x: Double)]
    /// The text colour.
    public let color: RGB
    init(units: [(unit: ShapedUnit, x: Double)], color: RGB) { self.units = units; self.color = color }
}
