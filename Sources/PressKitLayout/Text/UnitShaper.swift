import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// Shapes text units with Pango in the shipped fonts and keeps the results, so a word is shaped once
/// per font, size, weight, slant, inline attributes and language, however often it appears. Between
/// builds (a `watch` session), units the last build did not use are let go once there are more than
/// `limit`, so the cache holds the working set of the documents, not every word ever typed.
public final class UnitShaper: @unchecked Sendable {
    let fonts: FontLibrary
    private var cache: [Key: (unit: ShapedUnit, build: Int)] = [:]
    private var build = 0
    private let lock = NSLock()
    private let reader = GlyphRunReader()
    /// How many units the cache keeps across builds before letting unused ones go.
    public let limit: Int
    /// How many units were shaped, and how many were found in the cache.
    public private(set) var shaped = 0, reused = 0

    public init(fonts: FontLibrary, limit: Int = 50_000) {
        self.fonts = fonts; self.limit = limit
        // Room for a press kit's units without growing twice; 4,096 kept 0.4 MiB per text context that a
        // six-document build never fills (peak memory 44.9 -> 44.4 MiB, 31 runs).
        cache.reserveCapacity(1024)
    }

    /// The number of shaped units kept.
    public var count: Int { lock.withLock { cache.count } }

    /// Starts a new build: when the cache holds more than `limit` units, those the previous build did not
    /// use are let go.
    public func beginBuild() {
        lock.withLock {
            if cache.count > limit { cache = cache.filter { $0.value.build == build } }
            build += 1
        }
    }

    /// A span of a unit's text with the inline properties of the run it comes from (local byte offsets).
    struct Span: Hashable { var start: Int, end: Int, bold: Bool, italic: Bool, link: String? }

    /// The style properties shaping reads (not colour or spacing), with the language and direction.
    struct ShapingStyle: Hashable {
        var font: String
        var size: Double
        var weight: FontWeight
        var italic: Bool
        var features: String
        var smallCaps: Bool
        var tracking: Double
        var language: String
        var rightToLeft: Bool

        init(_ style: ParagraphStyle, language: String, rightToLeft: Bool) {
            font = style.font; size = style.size.pt; weight = style.weight; italic = style.italic; features = style.features
            smallCaps = style.smallCaps; tracking = style.tracking; self.language = language; self.rightToLeft = rightToLeft
        }
    }

    /// What shapes a unit: its text, its shaping style (by number), and its bold, italic and linked spans.
    /// Hashed and compared by the text's UTF-8 bytes (the loader makes every text NFC): a String's own
    /// hash normalizes non-ASCII text on every look-up, and a French page looks up a few hundred words.
    private struct Key: Hashable {
        var text: String
        var style: Int
        var spans: [Span]

        init(text: String, style: Int, spans: [Span]) {
            self.text = text; self.style = style; self.spans = spans
        }

        func hash(into hasher: inout Hasher) {
            var bytes = text
            bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(style)
            if !spans.isEmpty { hasher.combine(spans) }
        }

        static func == (a: Key, b: Key) -> Bool {
            a.style == b.style && a.text.utf8.elementsEqual(b.text.utf8) && a.spans == b.spans
        }
    }

    /// Each shaping style seen, numbered in the order first seen, and the style for each number.
    private var styleNumbers: [ShapingStyle: Int] = [:]
    private var styles: [(style: ParagraphStyle, language: String, rightToLeft: Bool)] = []

    /// The number of a shaping style: a setter asks once per paragraph, then shapes its words by number.
    func number(_ style: ParagraphStyle, language: String, rightToLeft: Bool = false) -> Int {
        let shaping = ShapingStyle(style, language: language, rightToLeft: rightToLeft)
        return lock.withLock {
            if let n = styleNumbers[shaping] { return n }
            styleNumbers[shaping] = styles.count
            styles.append((style, language, rightToLeft))
            return styles.count - 1
        }
    }

    /// `text` shaped in `style`, with `spans` giving bold, italic and links over byte ranges of `text`;
    /// `rightToLeft` when the text sits at an odd embedding level (set right to left, brackets mirrored).
    func shape(_ text: String, spans: [Span], style: ParagraphStyle, language: String, rightToLeft: Bool = false) -> ShapedUnit {
        shape(text, spans: spans, style: number(style, language: language, rightToLeft: rightToLeft))
    }

    /// `text` shaped in the shaping style numbered `number` (see `number(_:language:rightToLeft:)`).
    func shape(_ text: String, spans: [Span], style number: Int) -> ShapedUnit {
        let key = Key(text: text, style: number, spans: spans.isEmpty ? [] : spans.filter { $0.bold || $0.italic || $0.link != nil })
        lock.lock()
        defer { lock.unlock() }
        if let entry = cache[key] {
            reused += 1
            if entry.build != build { cache[key] = (entry.unit, build) }
            return entry.unit
        }
        let (style, language, rightToLeft) = styles[number]
        shaped += 1
        let layout = pango_layout_new(rightToLeft ? fonts.rightToLeftContext : fonts.context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        // The direction is the embedding level's, not guessed from the unit's first letter.
        pango_layout_set_auto_dir(layout, 0)
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
        if style.tracking != 0 { add(pango_attr_letter_spacing_new(Int32((style.tracking * style.size.pt * Double(PANGO_SCALE)).rounded())), 0, text.utf8.count) }
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
        let unit = ShapedUnit(layout: layout, text: text, links: links, reader: reader)
        cache[key] = (unit, build)
        return unit
    }

    /// Whether a shaped unit uses a glyph no shipped font has.
    func hasUnknownGlyphs(_ unit: ShapedUnit) -> Bool { unit.hasUnknownGlyphs }
}
