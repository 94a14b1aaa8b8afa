import CCairoPango
import Foundation

/// Shapes text units with Pango in the shipped fonts and keeps every result, so a word is shaped once
/// per font, size, weight, slant, inline attributes and language, however often it appears.
public final class UnitShaper: @unchecked Sendable {
    let fonts: FontLibrary
    private var cache: [String: ShapedUnit] = [:]
    private let lock = NSLock()
    /// How many units were shaped, and how many were found in the cache.
    public private(set) var shaped = 0, reused = 0

    public init(fonts: FontLibrary) { self.fonts = fonts }

    /// A span of a unit's text with the inline properties of the run it comes from (local byte offsets).
    struct Span: Hashable { var start: Int, end: Int, bold: Bool, italic: Bool, link: String? }

    /// `text` shaped in `style`, with `spans` giving bold, italic and links over byte ranges of `text`.
    func shape(_ text: String, spans: [Span], style: ParagraphStyle, language: String) -> ShapedUnit {
        var key = "\(style.font)|\(style.size.pt)|\(style.weight.rawValue)|\(style.italic)|\(style.features)|\(style.smallCaps)|\(language)|"
        for s in spans where s.bold || s.italic || s.link != nil { key += "\(s.start)-\(s.end)\(s.bold ? "b" : "")\(s.italic ? "i" : "")\(s.link ?? "")|" }
        key += text
        lock.lock()
        defer { lock.unlock() }
        if let unit = cache[key] { reused += 1; return unit }
        shaped += 1
        let layout = pango_layout_new(fonts.context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_text(layout, text, Int32(text.utf8.count))
        let desc = FontLibrary.description(family: style.font, weight: style.weight, italic: style.italic, size: style.size)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        let attrs = pango_attr_list_new()!
        func add(_ attr: UnsafeMutablePointer<PangoAttribute>, _ start: Int, _ end: Int) {
            attr.pointee.start_index = guint(start)
            attr.pointee.end_index = guint(end)
            pango_attr_list_insert(attrs, attr)
        }
        add(pango_attr_language_new(pango_language_from_string(language)), 0, text.utf8.count)
        if !style.features.isEmpty { add(pango_attr_font_features_new(style.features), 0, text.utf8.count) }
        if style.smallCaps { add(pango_attr_variant_new(PANGO_VARIANT_SMALL_CAPS), 0, text.utf8.count) }
        var links: [(Int, Int, String)] = []
        for s in spans where s.start < s.end {
            if s.bold, style.weight == .regular { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), s.start, s.end) }
            if s.italic, !style.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC), s.start, s.end) }
            if let target = s.link {
                links.append((s.start, s.end, target))
            }
        }
        pango_layout_set_attributes(layout, attrs)
        pango_attr_list_unref(attrs)
        let unit = ShapedUnit(layout: layout, text: text, links: links)
        cache[key] = unit
        return unit
    }

    /// Whether a shaped unit uses a glyph no shipped font has.
    func hasUnknownGlyphs(_ unit: ShapedUnit) -> Bool { pango_layout_get_unknown_glyphs_count(unit.layout) > 0 }
}
