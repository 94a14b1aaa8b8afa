import CCairoPango
import Foundation

/// A Pango layout kept alive for the lines the renderer will draw from it.
final class PangoLineBox: @unchecked Sendable {
    let layout: OpaquePointer
    let index: Int32
    init(layout: OpaquePointer, index: Int32) {
        g_object_ref(UnsafeMutableRawPointer(layout))
        self.layout = layout
        self.index = index
    }
    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
    var line: UnsafeMutablePointer<PangoLayoutLine>? { pango_layout_get_line_readonly(layout, index) }
}

/// Sets paragraphs with Pango (HarfBuzz shaping, kerning, ligatures, justification) in the shipped fonts.
public final class PangoShaper: TextShaper, @unchecked Sendable {
    public let fonts: FontLibrary

    private var hyphenators: [String: Hyphenator?] = [:]

    public init(fonts: FontLibrary) { self.fonts = fonts }

    /// The hyphenator of a language, loaded once; nil when no dictionary is installed for it.
    func hyphenator(_ language: String) -> Hyphenator? {
        if let known = hyphenators[language] { return known }
        let h = Hyphenator(language: language)
        hyphenators[language] = h
        return h
    }

    /// A run's text prepared for breaking: soft hyphens in justified body text, but never in links
    /// (addresses), words with capitals (names, acronyms), or words with digits.
    func breakable(_ run: TextRun, _ paragraph: Paragraph) -> String {
        guard paragraph.style.align == .justify, run.link == nil, let h = hyphenator(paragraph.language) else { return run.text }
        return h.hyphenate(run.text)
    }

    public func lines(_ paragraph: Paragraph, width: Length) throws -> [ShapedLine] {
        let style = paragraph.style
        for run in paragraph.runs {
            let weight: FontWeight = run.bold ? (style.weight == .regular ? .bold : style.weight) : style.weight
            if let problem = fonts.problem(family: style.font, weight: run.bold && style.weight == .regular ? .bold : weight,
                                           italic: run.italic || style.italic) {
                throw DiagnosticError(Diagnostic(at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field, problem,
                                                 hint: "use a font of Assets/fonts, or add its files (with their licence) there"))
            }
        }
        var pieces = paragraph.runs.map { breakable($0, paragraph) }
        var (layout, text, ranges) = try makeLayout(pieces, paragraph, width: width)
        // Pango 1.50 sometimes breaks at a soft hyphen whose hyphen then does not fit. Such a break is
        // taken away and the paragraph set again, until no line is overfull (at most once per soft hyphen).
        var attempts = 0
        while attempts < 200, let overfull = Self.overfullHyphenBreak(layout, width: width) {
            guard let k = ranges.firstIndex(where: { $0.start <= overfull && overfull < $0.end }) else { break }
            var bytes = Array(pieces[k].utf8)
            let local = overfull - ranges[k].start
            bytes.removeSubrange(local..<(local + 2))
            pieces[k] = String(decoding: bytes, as: UTF8.self)
            g_object_unref(UnsafeMutableRawPointer(layout))
            (layout, text, ranges) = try makeLayout(pieces, paragraph, width: width)
            attempts += 1
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }

        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            let unusual = text.unicodeScalars.filter { $0.value > 0x24F && !(0x2000...0x206F).contains($0.value) && $0.value != 0x20AC }
            let shown = unusual.prefix(5).map { "U+" + String($0.value, radix: 16, uppercase: true) + " “\($0)”" }.joined(separator: ", ")
            throw DiagnosticError(Diagnostic(at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                                             "no shipped font can draw some of this text\(shown.isEmpty ? "" : ": \(shown)")",
                                             hint: "add a font that has these characters to Assets/fonts"))
        }

        var out: [ShapedLine] = []
        let scale = Double(PANGO_SCALE)
        let iter = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iter) }
        var index: Int32 = 0
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { break }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            var lineLogical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &lineLogical)
            let start = Int(line.pointee.start_index), end = start + Int(line.pointee.length)
            let lineText = String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
            var links: [(x: Length, width: Length, target: String)] = []
            for (rs, re, run) in ranges {
                guard let target = run.link, rs < end, re > start else { continue }
                var xr: UnsafeMutablePointer<Int32>?
                var n: Int32 = 0
                pango_layout_line_get_x_ranges(line, Int32(max(rs, start)), Int32(min(re, end)), &xr, &n)
                if let xr {
                    for k in 0..<Int(n) {
                        let a = Double(xr[2 * k]) / scale - Double(logical.x) / scale
                        let b = Double(xr[2 * k + 1]) / scale - Double(logical.x) / scale
                        if b > a { links.append((.pt(a), .pt(b - a), target)) }
                    }
                    g_free(xr)
                }
            }
            out.append(ShapedLine(width: .pt(Double(lineLogical.width) / scale), xOffset: .pt(Double(logical.x) / scale),
                                  ascent: .pt(Double(-lineLogical.y) / scale),
                                  descent: .pt(Double(lineLogical.height + lineLogical.y) / scale),
                                  text: lineText, links: links, content: PangoLineBox(layout: layout, index: index)))
            index += 1
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }

    /// A Pango layout of the paragraph's prepared run texts, with its text and each run's byte range.
    private func makeLayout(_ pieces: [String], _ paragraph: Paragraph, width: Length) throws
        -> (OpaquePointer, String, [(start: Int, end: Int, run: TextRun)]) {
        let style = paragraph.style
        guard let layout = pango_layout_new(fonts.context) else { throw FlowError(message: "Pango could not make a layout") }

        var text = ""
        var ranges: [(start: Int, end: Int, run: TextRun)] = []
        for (run, piece) in zip(paragraph.runs, pieces) {
            let start = text.utf8.count
            text += piece
            ranges.append((start, text.utf8.count, run))
        }
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
        add(pango_attr_language_new(pango_language_from_string(paragraph.language)), 0, text.utf8.count)
        for (start, end, run) in ranges where start < end {
            if run.bold, style.weight == .regular { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end) }
            if run.italic, !style.italic { add(pango_attr_style_new(PANGO_STYLE_ITALIC), start, end) }
            if run.link != nil { add(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end) }
        }
        pango_layout_set_attributes(layout, attrs)
        pango_attr_list_unref(attrs)

        pango_layout_set_width(layout, Int32((width.pt * Double(PANGO_SCALE)).rounded(.down)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_justify(layout, style.align == .justify ? 1 : 0)
        switch style.align {
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        default: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }

        return (layout, text, ranges)
    }

    /// The byte index of the soft hyphen ending the first line wider than `width`, if any.
    static func overfullHyphenBreak(_ layout: OpaquePointer, width: Length) -> Int? {
        let limit = Int32((width.pt + 0.01) * Double(PANGO_SCALE))
        let text = pango_layout_get_text(layout)!
        var line = pango_layout_get_lines_readonly(layout)
        while let node = line {
            let l = node.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            var logical = PangoRectangle()
            pango_layout_line_get_extents(l, nil, &logical)
            let end = Int(l.pointee.start_index + l.pointee.length)
            if logical.width > limit, end >= 2, UInt8(bitPattern: text[end - 2]) == 0xC2, UInt8(bitPattern: text[end - 1]) == 0xAD {
                return end - 2
            }
            line = node.pointee.next
        }
        return nil
    }
}
