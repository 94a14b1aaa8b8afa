import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// Sets one paragraph: words and spaces into boxes, glue and penalties, total-fit breaks, then lines of
/// shaped units placed with their final spacing.
final class ParagraphSetter {
    let paragraph: Paragraph
    let width: Double
    let shaper: PangoShaper
    var warnings: [Diagnostic] = []

    private let text: String
    /// The text's UTF-8 bytes, kept so a unit's text is copied from them without copying the paragraph.
    private let utf8: [UInt8]
    private let scalars: [Unicode.Scalar]
    /// Byte offset of each scalar, and of the end.
    private var offsets: [Int] = []
    private var runRanges: [(start: Int, end: Int, run: TextRun)] = []
    private var items: [BreakItem] = []
    /// The items of the last `lines()` call, for tests and reports.
    var breakItems: [BreakItem] { items }
    /// For each item: the byte range it covers (boxes, glue) or the byte it sits at (penalties), and its word.
    private var places: [(start: Int, end: Int, word: Int)] = []

    init(paragraph: Paragraph, width: Double, shaper: PangoShaper) {
        self.paragraph = paragraph
        self.width = max(1, width)
        self.shaper = shaper
        var text = ""
        for run in paragraph.runs {
            let start = text.utf8.count
            text += run.text.contains("\u{00AD}") ? run.text.replacingOccurrences(of: "\u{00AD}", with: "") : run.text
            runRanges.append((start, text.utf8.count, run))
        }
        self.text = text
        utf8 = Array(text.utf8)
        scalars = Array(text.unicodeScalars)
        var o = 0
        for s in scalars { offsets.append(o); o += String(s).utf8.count }
        offsets.append(o)
    }

    var style: ParagraphStyle { paragraph.style }
    var justified: Bool { style.align == .justify }

    /// Inline properties over `start..<end` of the text, as spans local to that range.
    func spans(_ start: Int, _ end: Int, extendTo length: Int? = nil) -> [UnitShaper.Span] {
        var out: [UnitShaper.Span] = []
        var k = firstRun(endingAfter: start)
        while k < runRanges.count, runRanges[k].start < end {
            let (s, e, run) = runRanges[k]
            shaper.work.add(1)
            if e > start {
                out.append(UnitShaper.Span(start: max(s, start) - start, end: min(e, end) - start, bold: run.bold, italic: run.italic, link: run.link))
            }
            k += 1
        }
        if let length, !out.isEmpty { out[out.count - 1].end = length }
        return out
    }

    /// The first run that ends after byte `offset` (runs are in order and do not overlap): a binary search.
    func firstRun(endingAfter offset: Int) -> Int {
        var low = 0, high = runRanges.count
        while low < high {
            shaper.work.add(1)
            let mid = (low + high) / 2
            if runRanges[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func bytes(_ start: Int, _ end: Int) -> String {
        shaper.work.add(end - start)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The unit for text bytes `start..<end`, with a hyphen after it when the line breaks inside the word.
    /// With `space`, the unit carries a trailing space: invisible, not counted in its width, but there for
    /// text extraction and screen readers, which read words from the drawn text.
    func unit(_ start: Int, _ end: Int, hyphen: Bool = false, space: Bool = false) throws -> ShapedUnit {
        let word = bytes(start, end) + (hyphen ? "-" : "")
        var local = spans(start, end, extendTo: hyphen ? word.utf8.count : nil)
        if space, let last = local.last {
            local.append(UnitShaper.Span(start: word.utf8.count, end: word.utf8.count + 1, bold: last.bold, italic: last.italic, link: nil))
        }
        let piece = word + (space ? " " : "")
        let unit = shaper.units.shape(piece, spans: local, style: style, language: paragraph.language)
        shaper.work.add(piece.utf8.count)  // shaped, and its clusters and link areas read, in one pass each
        if shaper.units.hasUnknownGlyphs(unit) {
            let unusual = piece.unicodeScalars.filter { $0.value > 0x24F && !(0x2000...0x206F).contains($0.value) && $0.value != 0x20AC }
            let shown = unusual.prefix(5).map { "U+" + String(format: "%04X", $0.value) + " “\($0)”" }.joined(separator: ", ")
            // Named at the data field that holds the character, with the layout's place as a note.
            let holder = paragraph.sources.first { source in unusual.contains { source.text.unicodeScalars.contains($0) } }
            throw DiagnosticError(Diagnostic(at: holder?.mark ?? paragraph.mark ?? .file(paragraph.origin), path: holder?.path ?? paragraph.field,
                                             "no shipped font can draw some of this text\(shown.isEmpty ? "" : ": \(shown)")",
                                             hint: "add a font that has these characters to Assets/fonts",
                                             note: holder != nil && holder?.mark != paragraph.mark ? paragraph.mark.map { "printed at \($0)" } : nil))
        }
        return unit
    }

    func lines() throws -> [ShapedLine] {
        guard !scalars.isEmpty else { return [] }
        try buildItems()
        guard items.contains(where: { if case .box = $0 { return true }; return false }) else { return [] }
        let breaks: [LineBreak]
        if justified {
            var loose = shaper.breaker
            loose.tolerance = 1000
            // TeX's order: within tolerance, then looser, then any looseness, then more hyphens in a row.
            breaks = shaper.breaker.breakLines(items, width: width) ?? loose.breakLines(items, width: width)
                ?? shaper.breaker.breakLines(items, width: width, emergency: true)
                ?? shaper.breaker.breakLines(items, width: width, emergency: true, limitHyphens: false)
                ?? shaper.breaker.firstFit(items, width: width)
        } else {
            breaks = shaper.breaker.firstFit(items, width: width)
        }
        return try makeLines(breaks)
    }

    // MARK: - Items

    private func add(_ item: BreakItem, _ start: Int, _ end: Int, word: Int) {
        items.append(item)
        places.append((start, end, word))
    }

    private func buildItems() throws {
        var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: scalars.count + 1)
        pango_get_log_attrs(text, Int32(text.utf8.count), -1, pango_language_from_string(paragraph.language), &attrs, Int32(attrs.count))
        let space = shaper.units.shape(" ", spans: [], style: style, language: paragraph.language).advance
        var i = 0
        var word = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" {
                var j = i
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if !items.isEmpty, j < scalars.count, scalars[j] != "\u{2028}", scalars[j] != "\n" {
                    let w = shaper.units.shape(" ", spans: spans(offsets[i], offsets[i] + 1).map { var s = $0; s.link = nil; return s },
                                               style: style, language: paragraph.language).advance
                    let glueWidth = w > 0 ? w : space
                    add(.glue(width: glueWidth, stretch: justified ? glueWidth * 0.5 : 0, shrink: justified ? glueWidth / 3 : 0),
                        offsets[i], offsets[j], word: -1)
                }
                i = j
            } else if c == "\u{2028}" || c == "\n" {
                add(.glue(width: 0, stretch: 100_000, shrink: 0), offsets[i], offsets[i], word: -1)
                add(.forcedBreak, offsets[i], offsets[i], word: -1)
                i += 1
                while i < scalars.count, scalars[i] == " " { i += 1 }
            } else {
                var j = i
                while j < scalars.count, !" \t\n\u{2028}".unicodeScalars.contains(scalars[j]) { j += 1 }
                try addWord(i, j, attrs: attrs, index: word)
                word += 1
                i = j
            }
        }
        if case .forcedBreak? = items.last {} else {
            add(.glue(width: 0, stretch: 100_000, shrink: 0), offsets[scalars.count], offsets[scalars.count], word: -1)
            add(.forcedBreak, offsets[scalars.count], offsets[scalars.count], word: -1)
        }
    }

    /// Whether a word is an address (URL, e-mail), which is never hyphenated.
    private func isAddress(_ s: Int, _ e: Int) -> Bool {
        let w = String(String.UnicodeScalarView(scalars[s..<e]))
        return w.contains("://") || w.contains("@") || w.hasPrefix("www.") || spans(offsets[s], offsets[e]).contains { $0.link != nil }
    }

    /// A word (scalars `s..<e`) as boxes with penalties at its break opportunities and hyphenation points.
    private func addWord(_ s: Int, _ e: Int, attrs: [PangoLogAttr], index: Int) throws {
        // Shaped with its trailing space, as it is drawn in the middle of a line: one shaping serves both.
        let whole = try unit(offsets[s], offsets[e], space: true)
        // Break positions inside the word (scalar indices) with their penalties.
        var cuts: [Int: BreakItem] = [:]
        for k in (s + 1)..<max(s + 1, e) where attrs[k].is_line_break != 0 {
            let explicitHyphen = scalars[k - 1] == "-" || scalars[k - 1] == "\u{2010}"
            cuts[k] = .penalty(width: 0, cost: explicitHyphen ? 50 : 100, flagged: explicitHyphen)
        }
        if justified, !isAddress(s, e), let hyphenator = shaper.hyphenator(paragraph.language) {
            let hyphenWidth = shaper.units.shape("-", spans: spans(offsets[e - 1], offsets[e]).map { var x = $0; x.start = 0; x.end = 1; x.link = nil; return x },
                                                 style: style, language: paragraph.language).width
            var k = s
            while k < e {
                guard scalars[k].properties.isAlphabetic else { k += 1; continue }
                var m = k
                while m < e, scalars[m].properties.isAlphabetic { m += 1 }
                var letters = String(String.UnicodeScalarView(scalars[k..<m]))
                // A capital at the start of a sentence does not make a proper name: "Ensemble" may break.
                if sentenceStart(before: k), letters.dropFirst().allSatisfy({ !$0.isUppercase }) { letters = letters.lowercased() }
                let points = shaper.exceptions[paragraph.language]?[letters.lowercased()] ?? hyphenator.points(Substring(letters))
                for p in points where p > 0 && k + p < m && cuts[k + p] == nil {
                    cuts[k + p] = .penalty(width: hyphenWidth, cost: 50, flagged: true)
                }
                k = m
            }
        }
        // A word wider than the line: break an address after / . - ? & = _ @, then anywhere; say so.
        func x(_ k: Int) -> Double {
            shaper.work.add(1)  // a binary search in the unit's cluster table
            return k == e ? whole.width : whole.x(atByte: offsets[k] - offsets[s])
        }
        if whole.width > width {
            for k in (s + 1)..<e where "/.-?&=_@".unicodeScalars.contains(scalars[k - 1]) && cuts[k] == nil {
                cuts[k] = .penalty(width: 0, cost: 0, flagged: false)
            }
            let shown = String(String.UnicodeScalarView(scalars[s..<min(e, s + 40)])) + (e - s > 40 ? "…" : "")
            warnings.append(Diagnostic(.warning, at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                                       "“\(shown)” is wider than its column and was broken inside",
                                       hint: "shorten it, or give it as a link with shorter text"))
        }
        var positions = [s] + cuts.keys.sorted() + [e]
        var extra: [Int] = []
        for (a, b) in zip(positions, positions.dropFirst()) where x(b) - x(a) > width {
            extra += emergencyCuts(a, b, x)
        }
        if !extra.isEmpty {
            for k in extra { cuts[k] = .penalty(width: 0, cost: 0, flagged: false) }
            positions = [s] + cuts.keys.sorted() + [e]
        }
        for (n, (a, b)) in zip(positions, positions.dropFirst()).enumerated() {
            if n > 0, let cut = cuts[a] { add(cut, offsets[a], offsets[a], word: index) }
            add(.box(width: x(b) - x(a)), offsets[a], offsets[b], word: index)
        }
    }

    /// Whether scalar `k` starts a sentence: nothing but spaces and opening quotes since the paragraph's
    /// start or since `.`, `!`, `?` or `…`.
    private func sentenceStart(before k: Int) -> Bool {
        var j = k - 1
        while j >= 0 {
            let c = scalars[j]
            if c == " " || c == "\u{00A0}" || c == "\u{202F}" || "«“\"(".unicodeScalars.contains(c) { j -= 1; continue }
            return ".!?…".unicodeScalars.contains(c)
        }
        return true
    }

    /// Cut points for a piece wider than the line: after `/ . - ? & = _ @` first, then between any characters.
    private func emergencyCuts(_ a: Int, _ b: Int, _ x: (Int) -> Double) -> [Int] {
        var cuts: [Int] = []
        var lineStart = a
        var lastGood: Int?
        var k = a + 1
        while k < b {
            if "/.-?&=_@".unicodeScalars.contains(scalars[k - 1]) { lastGood = k }
            if x(k + 1 <= b ? k + 1 : b) - x(lineStart) > width {
                let cut = (lastGood.map { $0 > lineStart } ?? false) ? lastGood! : k
                if cut > lineStart { cuts.append(cut); lineStart = cut; lastGood = nil }
            }
            k += 1
        }
        return cuts
    }

    // MARK: - Lines

    /// Units in the order they are seen: a run of right-to-left words (a Hebrew or Arabic name in a French
    /// sentence) reads from right to left, so its words are placed in reverse; each word is already shaped
    /// right to left by Pango. Neutral units (numbers, punctuation) between two such words belong to the run.
    static func visualOrder(_ units: [ShapedUnit]) -> [ShapedUnit] {
        func direction(_ u: ShapedUnit) -> Int {  // 1 right to left, -1 left to right, 0 neutral
            for scalar in u.text.unicodeScalars where scalar.properties.isAlphabetic {
                let v = scalar.value
                return (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v) ? 1 : -1
            }
            return 0
        }
        let dirs = units.map(direction)
        guard dirs.contains(1) else { return units }
        var out = units
        var i = 0
        while i < units.count {
            guard dirs[i] == 1 else { i += 1; continue }
            var j = i
            var k = i + 1
            while k < units.count, dirs[k] != -1 { if dirs[k] == 1 { j = k }; k += 1 }
            out.replaceSubrange(i...j, with: units[i...j].reversed())
            i = j + 1
        }
        return out
    }

    /// Whether the break at item `position` is at a space (glue), so the words on each side are separate.
    private func breaksAtSpace(_ position: Int) -> Bool {
        if case .glue = items[position] { return true }
        if case .penalty(_, let cost, _) = items[position], cost <= -BreakItem.infinity { return true }
        return false
    }

    private func makeLines(_ breaks: [LineBreak]) throws -> [ShapedLine] {
        var out: [ShapedLine] = []
        var start = 0
        for brk in breaks {
            var groups: [(start: Int, end: Int, word: Int)] = []
            var glue: [(width: Double, stretch: Double, shrink: Double)] = []
            var pendingGlue: (Double, Double, Double)?
            for i in start..<brk.position {
                switch items[i] {
                case .box:
                    let p = places[i]
                    if let g = pendingGlue, !groups.isEmpty { glue.append(g) }
                    if pendingGlue == nil, let last = groups.last, last.word == p.word {
                        groups[groups.count - 1].end = p.end
                    } else {
                        groups.append(p)
                    }
                    pendingGlue = nil
                case .glue(let w, let y, let z):
                    if y < 100_000 { pendingGlue = (w, y, z) }
                case .penalty:
                    break
                }
            }
            var hyphen = false
            var lastLine = false
            if case .penalty(let pw, let cost, _) = items[brk.position] {
                hyphen = pw > 0
                lastLine = cost <= -BreakItem.infinity
            }
            var units: [ShapedUnit] = []
            let lastOfParagraph = brk.position == items.count - 1
            for (n, g) in groups.enumerated() {
                let ending = n == groups.count - 1
                units.append(try unit(g.start, g.end, hyphen: hyphen && ending, space: !(ending && (hyphen || lastOfParagraph || !breaksAtSpace(brk.position)))))
            }
            let natural = units.reduce(0) { $0 + $1.width } + glue.reduce(0) { $0 + $1.width }
            var adjust = [Double](repeating: 0, count: glue.count)
            // Justified lines fill the measure; a last line is left at its natural width unless the breaker
            // chose to shrink it (natural wider than the measure), in which case its spaces shrink too.
            if justified, !glue.isEmpty, !lastLine || natural > width {
                let extra = width - natural
                let total = extra >= 0 ? glue.reduce(0) { $0 + $1.stretch } : glue.reduce(0) { $0 + $1.shrink }
                for k in glue.indices where total > 0 {
                    adjust[k] = extra * (extra >= 0 ? glue[k].stretch : glue[k].shrink) / total
                }
            }
            var placed: [(unit: ShapedUnit, x: Double)] = []
            var x = 0.0
            for (k, u) in Self.visualOrder(units).enumerated() {
                if k > 0 { x += glue[k - 1].width + adjust[k - 1] }
                placed.append((u, x))
                x += u.width
            }
            let lineWidth = x
            let offset: Double
            switch style.align {
            case .right: offset = width - lineWidth
            case .center: offset = (width - lineWidth) / 2
            default: offset = 0
            }
            let ascent = units.map(\.ascent).max() ?? style.size.pt * 0.8
            let descent = units.map(\.descent).max() ?? style.size.pt * 0.2
            var links: [(x: Length, width: Length, target: String)] = []
            for (u, ux) in placed {
                for l in u.links {
                    // A link continued from the previous unit is one area, across the space between them.
                    if let last = links.last, last.target == l.target, ux + l.x - (last.x + last.width).pt < 12 {
                        links[links.count - 1].width = .pt(ux + l.x + l.width) - last.x
                    } else {
                        links.append((.pt(ux + l.x), .pt(l.width), l.target))
                    }
                }
            }
            var line = ShapedLine(width: .pt(lineWidth), xOffset: .pt(max(0, offset)), ascent: .pt(ascent), descent: .pt(descent),
                                  text: units.map { $0.text.hasSuffix(" ") ? String($0.text.dropLast()) : $0.text }.joined(separator: " "), links: links,
                                  runs: placed.flatMap { unit, x in unit.runs.map { $0.offset(by: .pt(x)) } }, color: style.color,
                                  source: paragraph.mark)
            line.ratio = justified ? (lastLine ? min(0, brk.ratio) : brk.ratio) : 0
            line.hyphenated = hyphen
            line.measure = .pt(width)
            out.append(line)
            start = brk.position + 1
        }
        return out
    }
}
