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

    let text: String
    /// The text's UTF-8 bytes, kept so a unit's text is copied from them without copying the paragraph.
    let utf8: [UInt8]
    let scalars: [Unicode.Scalar]
    /// Byte offset of each scalar, and of the end.
    var offsets: [Int] = []
    /// Each run's byte range in the text, and what the setter reads of it, in arrays of plain values (a
    /// TextRun copied out of an array for one property retains every field it holds).
    private var runStarts: [Int] = [], runEnds: [Int] = []
    private var runMarks: [RunMarks] = []
    /// What shaping and hyphenation read of a run: its inline properties and the language of a passage.
    private struct RunMarks { var bold: Bool; var italic: Bool; var link: String?; var language: String? }
    /// Whether no run is bold, italic or linked: every unit then has no spans, and none is looked for.
    private var plain = true
    var items: [BreakItem] = []
    /// The items of the last `lines()` call, for tests and reports.
    var breakItems: [BreakItem] { items }
    /// For each item: the byte range it covers (boxes, glue) or the byte it sits at (penalties), its word,
    /// and its embedding level.
    var places: [(start: Int, end: Int, word: Int, level: UInt8)] = []
    /// The embedding level of each scalar (Unicode's bidirectional algorithm, run by Pango): even for text
    /// read left to right, odd for right to left.
    private(set) var levels: [UInt8] = []
    /// For each glue item (by index): how much of its stretch and shrink is the font expansion of the word
    /// before it, the rest being the space's own.
    var expansions: [Int: Double] = [:]
    /// Where the personal names the paragraph prints sit, as scalar ranges: no break inside them.
    private let nameRanges: [Range<Int>]
    /// Whether the paragraph reads right to left (its base level is 1): Arabic or Hebrew text of its own.
    let rightToLeft: Bool
    /// Spaces and hyphens shaped for this paragraph, by inline properties (bold × 2 + italic).
    private var spaceMarks = [ShapedUnit?](repeating: nil, count: 4), hyphenMarks = [ShapedUnit?](repeating: nil, count: 4)
    /// Each word piece's unit as shaped for its boxes (byte range, in text order): the lines take a whole
    /// piece's unit from here instead of looking it up again.
    private(set) var pieceUnits: [(start: Int, end: Int, unit: ShapedUnit)] = []
    /// The hyphenator of the language last asked for, with that language: a paragraph's words ask for theirs.
    private var lastHyphenator: (language: String, hyphenator: Hyphenator?, exceptions: [String: [Int]]?)?
    /// The unit shaper's numbers for the paragraph's style, in its language, set left to right and right to left.
    let leftToRightStyle: Int, rightToLeftStyle: Int

    init(paragraph: Paragraph, width: Double, shaper: PangoShaper) {
        self.paragraph = paragraph
        self.width = max(1, width)
        self.shaper = shaper
        var text = ""
        for run in paragraph.runs {
            let start = text.utf8.count
            // Soft hyphens are the hyphenation's to place: they are taken out of the text set (scalar by
            // scalar: Foundation's search is locale-aware and slow).
            if run.text.unicodeScalars.contains("\u{00AD}") {
                var kept = String.UnicodeScalarView()
                kept.append(contentsOf: run.text.unicodeScalars.lazy.filter { $0 != "\u{00AD}" })
                text += String(kept)
            } else {
                text += run.text
            }
            runStarts.append(start)
            runEnds.append(text.utf8.count)
            runMarks.append(RunMarks(bold: run.bold, italic: run.italic, link: run.link, language: run.language))
            if run.bold || run.italic || run.link != nil { plain = false }
        }
        self.text = text
        utf8 = Array(text.utf8)
        scalars = Array(text.unicodeScalars)
        var o = 0
        offsets.reserveCapacity(scalars.count + 1)
        for s in scalars { offsets.append(o); o += UTF8.width(s) }
        offsets.append(o)
        var ranges: [Range<Int>] = []
        for name in paragraph.names {
            let target = Array(name.unicodeScalars)
            guard let first = target.first else { continue }
            var i = 0
            while i + target.count <= scalars.count {
                if scalars[i] == first, Array(scalars[i..<(i + target.count)]) == target { ranges.append(i..<(i + target.count)); i += target.count } else { i += 1 }
            }
        }
        nameRanges = ranges
        rightToLeft = BidiOrder.readsRightToLeft(scalars, language: paragraph.language)
        leftToRightStyle = shaper.units.number(paragraph.style, language: paragraph.language)
        rightToLeftStyle = shaper.units.number(paragraph.style, language: paragraph.language, rightToLeft: true)
        levels = BidiOrder.levels(of: text, count: scalars.count, rightToLeft: rightToLeft)
    }

    var style: ParagraphStyle { paragraph.style }

    /// The first lines narrowed beside a figure (the paragraph's hang), never narrower than a fifth of the width.
    var narrow: (lines: Int, width: Double)? {
        guard let hang = paragraph.hang, hang.lines > 0 else { return nil }
        return (hang.lines, max(width * 0.2, width - hang.width.pt))
    }

    /// The width of line `line` (0 for the first).
    func measure(_ line: Int) -> Double { narrow.map { line < $0.lines ? $0.width : width } ?? width }
    var justified: Bool { style.align == .justify }

    /// Inline properties over `start..<end` of the text, as spans local to that range.
    /// A plain paragraph's units have no spans (the shaper would leave them all out).
    func spans(_ start: Int, _ end: Int, extendTo length: Int? = nil) -> [UnitShaper.Span] {
        if plain { return [] }
        var out: [UnitShaper.Span] = []
        var k = firstRun(endingAfter: start)
        while k < runStarts.count, runStarts[k] < end {
            let s = runStarts[k], e = runEnds[k]
            shaper.work.add(1)
            if e > start {
                let run = runMarks[k]
                out.append(UnitShaper.Span(start: max(s, start) - start, end: min(e, end) - start, bold: run.bold, italic: run.italic, link: run.link))
            }
            k += 1
        }
        if let length, !out.isEmpty { out[out.count - 1].end = length }
        return out
    }

    /// The language of the text at byte `offset` when it is not the paragraph's own (a marked passage).
    func language(at offset: Int) -> String? {
        guard let language = runLanguage(at: offset), language != paragraph.language else { return nil }
        return language
    }

    /// The language given to the run at byte `offset`, if any.
    private func runLanguage(at offset: Int) -> String? {
        if runMarks.count == 1 { return runMarks[0].language }
        let k = firstRun(endingAfter: offset)
        return k < runMarks.count ? runMarks[k].language : nil
    }

    /// The first run that ends after byte `offset` (runs are in order and do not overlap): a binary search.
    func firstRun(endingAfter offset: Int) -> Int {
        var low = 0, high = runEnds.count
        while low < high {
            shaper.work.add(1)
            let mid = (low + high) / 2
            if runEnds[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The unit shaped for the word piece at bytes `start..<end`, if a piece covers exactly that range.
    func pieceUnit(_ start: Int, _ end: Int) -> ShapedUnit? {
        var low = 0, high = pieceUnits.count
        while low < high {
            let mid = (low + high) / 2
            if pieceUnits[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low < pieceUnits.count && pieceUnits[low].start == start && pieceUnits[low].end == end ? pieceUnits[low].unit : nil
    }

    func bytes(_ start: Int, _ end: Int) -> String {
        shaper.work.add(end - start)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The unit for text bytes `start..<end`, with a hyphen after it when the line breaks inside the word,
    /// set right to left when its embedding level is odd.
    func unit(_ start: Int, _ end: Int, hyphen: Bool = false, rightToLeft: Bool = false) throws -> ShapedUnit {
        let piece = bytes(start, end) + (hyphen ? "-" : "")
        let local = spans(start, end, extendTo: hyphen ? piece.utf8.count : nil)
        let unit = shaper.units.shape(piece, spans: local, style: rightToLeft ? rightToLeftStyle : leftToRightStyle)
        shaper.work.add(piece.utf8.count)  // shaped, and its clusters and link areas read, in one pass each
        if shaper.units.hasUnknownGlyphs(unit) {
            let unusual = piece.unicodeScalars.filter { $0.value > 0x24F && !(0x2000...0x206F).contains($0.value) && $0.value != 0x20AC }
            let shown = unusual.prefix(5).map { "U+" + String(printf: "%04X", $0.value) + " “\($0)”" }.joined(separator: ", ")
            // Named at the data field that holds the character, with the layout's place as a note.
            let holder = paragraph.sources.first { source in unusual.contains { source.text.unicodeScalars.contains($0) } }
            throw DiagnosticError(Diagnostic(at: holder?.mark ?? paragraph.mark ?? .file(paragraph.origin), path: holder?.path ?? paragraph.field,
                                             "no shipped font can draw some of this text\(shown.isEmpty ? "" : ": \(shown)")",
                                             hint: Self.fontHint(for: Array(unusual)),
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
            // TeX's order: without hyphens within the pretolerance, then with hyphens within tolerance, then
            // looser, then any looseness, then more hyphens in a row.
            var first = shaper.breaker
            first.tolerance = shaper.breaker.pretolerance
            breaks = first.breakLines(items, width: width, narrow: narrow, hyphenate: false)
                ?? shaper.breaker.breakLines(items, width: width, narrow: narrow) ?? loose.breakLines(items, width: width, narrow: narrow)
                ?? shaper.breaker.breakLines(items, width: width, narrow: narrow, emergency: true)
                ?? shaper.breaker.breakLines(items, width: width, narrow: narrow, emergency: true, limitHyphens: false)
                ?? shaper.breaker.firstFit(items, width: width, narrow: narrow)
        } else {
            breaks = shaper.breaker.firstFit(items, width: width, narrow: narrow)
        }
        return try makeLines(breaks)
    }

    // MARK: - Items

    private func add(_ item: BreakItem, _ start: Int, _ end: Int, word: Int, level: UInt8) {
        items.append(item)
        places.append((start, end, word, level))
    }

    /// The paragraph's base level: where glue and breaks outside any word sit.
    private var baseLevel: UInt8 { rightToLeft ? 1 : 0 }

    private func buildItems() throws {
        var attrs = [PangoLogAttr](repeating: PangoLogAttr(), count: scalars.count + 1)
        pango_get_log_attrs(text, Int32(text.utf8.count), -1, pango_language_from_string(paragraph.language), &attrs, Int32(attrs.count))
        let space = shaper.units.shape(" ", spans: [], style: leftToRightStyle).advance
        var i = 0
        var word = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" {
                var j = i
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if !items.isEmpty, j < scalars.count, scalars[j] != "\u{2028}", scalars[j] != "\n" {
                    let w = mark(" ", at: offsets[i]).advance
                    // Tracked text: Pango spaces a word's letters but not after its last one, nor a lone space;
                    // the space takes both, so words stand as far apart as the tracking says.
                    let glueWidth = (w > 0 ? w : space) + 2 * style.tracking * style.size.pt
                    // A justified line may also widen or narrow its letters a little (font expansion, as
                    // pdfTeX's microtype does): the word before the space lends that to the space's glue.
                    var wordWidth = 0.0
                    for item in items.reversed() {
                        if case .box(let bw) = item { wordWidth += bw } else if case .glue = item { break }
                    }
                    let expansion = justified ? wordWidth * shaper.breaker.expansion : 0
                    expansions[items.count] = expansion
                    add(.glue(width: glueWidth, stretch: justified ? glueWidth * 0.5 + expansion : 0,
                              shrink: justified ? glueWidth / 3 + expansion : 0),
                        offsets[i], offsets[j], word: -1, level: levels[i])
                }
                i = j
            } else if c == "\u{2028}" || c == "\n" {
                add(.glue(width: 0, stretch: 100_000, shrink: 0), offsets[i], offsets[i], word: -1, level: baseLevel)
                add(.forcedBreak, offsets[i], offsets[i], word: -1, level: baseLevel)
                i += 1
                while i < scalars.count, scalars[i] == " " { i += 1 }
            } else {
                var j = i
                while j < scalars.count, case let c = scalars[j], c != " ", c != "\t", c != "\n", c != "\u{2028}" { j += 1 }
                try addWord(i, j, attrs: attrs, index: word)
                word += 1
                i = j
            }
        }
        if case .forcedBreak? = items.last {} else {
            add(.glue(width: 0, stretch: 100_000, shrink: 0), offsets[scalars.count], offsets[scalars.count], word: -1, level: baseLevel)
            add(.forcedBreak, offsets[scalars.count], offsets[scalars.count], word: -1, level: baseLevel)
        }
    }

    /// Whether a word is an address (URL, e-mail), which is never hyphenated: it holds "://" or "@", starts
    /// with "www.", or is linked. Read on the scalars, with no string made.
    private func isAddress(_ s: Int, _ e: Int) -> Bool {
        if e - s >= 4, scalars[s] == "w", scalars[s + 1] == "w", scalars[s + 2] == "w", scalars[s + 3] == "." { return true }
        var k = s
        while k < e {
            let c = scalars[k]
            if c == "@" || c == ":" && k + 2 < e && scalars[k + 1] == "/" && scalars[k + 2] == "/" { return true }
            k += 1
        }
        return spans(offsets[s], offsets[e]).contains { $0.link != nil }
    }

    /// The width of a space or a hyphen set in the inline properties (bold, italic) at byte `offset`:
    /// shaped once per paragraph for each set of properties, not once per word.
    private func mark(_ text: String, at offset: Int) -> ShapedUnit {
        // One byte lies in one run: its bold and italic are the mark's.
        let k = plain ? runMarks.count : firstRun(endingAfter: offset)
        let run = k < runMarks.count && runStarts[k] <= offset ? runMarks[k] : nil
        let bold = run?.bold ?? false, italic = run?.italic ?? false
        let slot = (bold ? 2 : 0) + (italic ? 1 : 0)
        let hyphen = text == "-"
        if let known = hyphen ? hyphenMarks[slot] : spaceMarks[slot] { return known }
        let local = bold || italic ? [UnitShaper.Span(start: 0, end: text.utf8.count, bold: bold, italic: italic, link: nil)] : []
        let unit = shaper.units.shape(text, spans: local, style: leftToRightStyle)
        if hyphen { hyphenMarks[slot] = unit } else { spaceMarks[slot] = unit }
        return unit
    }

    /// A word (scalars `s..<e`) as boxes with penalties at its break opportunities and hyphenation points,
    /// as made for the same word before (`WordItems`) when nothing but what the key holds could change them.
    private func addWord(_ s: Int, _ e: Int, attrs: [PangoLogAttr], index: Int) throws {
        guard shaper.remembersWords, let key = memoKey(s, e, attrs: attrs) else { return try cutWord(s, e, attrs: attrs, index: index) }
        let base = offsets[s], level = levels[s]
        if let known = shaper.words.entry(key), known.unit.width <= width {
            for entry in known.items { add(entry.item, base + entry.start, base + entry.end, word: index, level: level) }
            pieceUnits.append((base, base + known.length, known.unit))
            return
        }
        let firstItem = items.count, firstPiece = pieceUnits.count, warningCount = warnings.count
        try cutWord(s, e, attrs: attrs, index: index)
        // Kept when made the ordinary way: one piece no wider than the line, each box within it, nothing said.
        guard pieceUnits.count == firstPiece + 1, warnings.count == warningCount, case let unit = pieceUnits[firstPiece].unit,
              unit.width <= width else { return }
        var kept: [(item: BreakItem, start: Int, end: Int)] = []
        for i in firstItem..<items.count {
            if case .box(let w) = items[i], w > unit.width + 0.001 { return }
            kept.append((items[i], places[i].start - base, places[i].end - base))
        }
        shaper.words.store(WordItems.Entry(items: kept, unit: unit, length: offsets[e] - base), for: key)
    }

    /// What a word's items depend on besides the shaper's rules, or nil when they depend on more: inline
    /// properties or several runs, a personal name, a change of direction inside, more than 64 scalars, a
    /// word not after a plain space (what a sentence's start is read from would then reach into the word before).
    private func memoKey(_ s: Int, _ e: Int, attrs: [PangoLogAttr]) -> WordItems.Key? {
        guard e - s <= 64, e > s, s == 0 || scalars[s - 1] == " " else { return nil }
        let level = levels[s]
        var k = s + 1
        while k < e { if levels[k] != level { return nil }; k += 1 }
        let start = offsets[s], end = offsets[e]
        // One run holds the whole word, with no inline property.
        let r = runMarks.count == 1 ? 0 : firstRun(endingAfter: start)
        guard r < runMarks.count, runStarts[r] <= start, runEnds[r] >= end, case let run = runMarks[r],
              !run.bold, !run.italic, run.link == nil else { return nil }
        let language = run.language ?? paragraph.language
        if nameRanges.contains(where: { $0.overlaps(s..<e) }) { return nil }
        var breaks: UInt64 = 0
        k = s + 1
        while k < e { if attrs[k].is_line_break != 0 { breaks |= 1 << UInt64(k - s - 1) }; k += 1 }
        return WordItems.Key(rules: shaper.rulesNumber ?? -1, bytes: bytes(start, end), style: level % 2 == 1 ? rightToLeftStyle : leftToRightStyle, level: level,
                             language: language, justified: justified, sentenceStart: sentenceStart(before: s), breaks: breaks)
    }

    /// A word cut into boxes with penalties at its break opportunities and hyphenation points.
    /// A word that changes direction ("G7‑אגודת") is set as one piece per embedding level, never shaped across.
    private func cutWord(_ s: Int, _ e: Int, attrs: [PangoLogAttr], index: Int) throws {
        // Break positions inside the word (scalar indices) with their penalties.
        var cuts = WordCuts()
        for k in (s + 1)..<max(s + 1, e) where attrs[k].is_line_break != 0 {
            let explicitHyphen = scalars[k - 1] == "-" || scalars[k - 1] == "\u{2010}"
            // Never inside a personal name (Jean-/Yves), unless the name alone is wider than the line.
            if insideName(k) { continue }
            cuts[k] = .penalty(width: 0, cost: explicitHyphen ? 50 : 100, flagged: explicitHyphen)
        }
        // Hyphenation points, in left-to-right text only (no dictionary for right-to-left scripts is installed).
        if justified, !isAddress(s, e) {
            let points = hyphenationPoints(s, e, cost: shaper.breaker.hyphenPenalty, anyCase: false)
            for (k, cut) in zip(points.positions, points.items) where cuts[k] == nil { cuts[k] = cut }
        }
        var a = s
        while a < e {
            var b = a + 1
            while b < e, levels[b] == levels[a] { b += 1 }
            if a > s, let cut = cuts[a] { add(cut, offsets[a], offsets[a], word: index, level: levels[a]) }
            try addPiece(a, b, of: s, e, cuts: cuts, index: index)
            a = b
        }
    }

    /// The piece `a..<b` of word `s..<e`, all at one embedding level, as boxes between its cuts.
    private func addPiece(_ a: Int, _ b: Int, of s: Int, _ e: Int, cuts wordCuts: WordCuts, index: Int) throws {
        let level = levels[a]
        let whole = try unit(offsets[a], offsets[b], rightToLeft: level % 2 == 1)
        pieceUnits.append((offsets[a], offsets[b], whole))
        var cuts = wordCuts.between(a, b)
        // Distance from the piece's start, in its reading direction.
        func x(_ k: Int) -> Double {
            shaper.work.add(1)  // a binary search in the unit's cluster table
            if k == b { return whole.width }
            let edge = whole.x(atByte: offsets[k] - offsets[a])
            return level % 2 == 1 ? whole.width - edge : edge
        }
        if whole.width > width {
            if isAddress(s, e) {
                // An address wider than the line: broken after / . - ? & = _ @, then anywhere; said so.
                for k in (a + 1)..<b where "/.-?&=_@".unicodeScalars.contains(scalars[k - 1]) && cuts[k] == nil {
                    cuts[k] = .penalty(width: 0, cost: 0, flagged: false)
                }
                let shown = String(String.UnicodeScalarView(scalars[s..<min(e, s + 40)])) + (e - s > 40 ? "…" : "")
                warnings.append(Diagnostic(.warning, at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                                           "“\(shown)” is wider than its column and was broken inside",
                                           hint: "shorten it, or give it as a link with shorter text"))
            } else {
                // Any other word breaks only where its language allows (a label in a narrow column, a heading);
                // a name bound by no-break spaces or hyphens (Jean-Yves Le Drian) there, as a last resort.
                // A word that must break does, whatever the layout's hyphen penalty.
                let points = hyphenationPoints(a, b, cost: min(shaper.breaker.hyphenPenalty, 1000), anyCase: true)
                for (k, cut) in zip(points.positions, points.items) {
                    if case .penalty(_, let cost, _)? = cuts[k], cost < 1000 { continue }
                    cuts[k] = cut
                }
                if let name = nameRanges.first(where: { $0.overlaps(a..<b) }) {
                    warnings.append(Diagnostic(.warning, at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                        "the name “\(String(String.UnicodeScalarView(scalars[name])).replacingOccurrences(of: "\u{00A0}", with: " "))” is wider than its column and was broken between its parts",
                        hint: "widen the column or make the style smaller in the layout"))
                }
                for k in (a + 1)..<b where cuts[k] == nil {
                    let before = scalars[k - 1]
                    if before == "\u{00A0}" || before == "\u{202F}" { cuts[k] = .penalty(width: 0, cost: 1000, flagged: false) }
                    if before == "-", ScalarClass.isLetter(scalars[k]) { cuts[k] = .penalty(width: 0, cost: 1000, flagged: true) }
                }
                let positions = [a] + cuts.positions + [b]
                for (p, q) in zip(positions, positions.dropFirst()) where x(q) - x(p) > width + 0.01 {
                    let word = String(String.UnicodeScalarView(scalars[s..<min(e, s + 40)])) + (e - s > 40 ? "…" : "")
                    let need = (x(q) - x(p)) * 25.4 / 72, have = width * 25.4 / 72
                    throw DiagnosticError(Diagnostic(at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                        "the column is too narrow for “\(word)”: \(String(printf: "%.1f", have)) mm wide, and “\(String(String.UnicodeScalarView(scalars[p..<q])))” needs \(String(printf: "%.1f", need)) mm",
                        hint: "widen the column or make the style smaller in the layout; a word is only broken where its language allows"))
                }
            }
        }
        var positions = [a] + cuts.positions + [b]
        var extra: [Int] = []
        for (p, q) in zip(positions, positions.dropFirst()) where x(q) - x(p) > width {
            extra += emergencyCuts(p, q, x)
        }
        if !extra.isEmpty {
            for k in extra { cuts[k] = .penalty(width: 0, cost: 0, flagged: false) }
            positions = [a] + cuts.positions + [b]
        }
        for (n, (p, q)) in zip(positions, positions.dropFirst()).enumerated() {
            if n > 0, let cut = cuts[p] { add(cut, offsets[p], offsets[p], word: index, level: level) }
            add(.box(width: x(q) - x(p)), offsets[p], offsets[q], word: index, level: level)
        }
    }

    /// The hyphenation points of the letters of scalars `a..<b` in their run's language (left-to-right
    /// text only, never inside a personal name), as flagged penalties of `cost` with the hyphen's width.
    /// With `anyCase`, every word may break, capitals or not (a word too wide for its line); otherwise a
    /// capitalised word is taken for a name and kept whole, unless it starts a sentence.
    private func hyphenationPoints(_ a: Int, _ b: Int, cost: Double, anyCase: Bool) -> WordCuts {
        // A passage in another language (`[words]{lang=en}`) is hyphenated with its own patterns.
        let language = runLanguage(at: offsets[a]) ?? paragraph.language
        let found: Hyphenator?, exceptions: [String: [Int]]?
        if let last = lastHyphenator, last.language == language { (found, exceptions) = (last.hyphenator, last.exceptions) } else {
            found = shaper.hyphenator(language)
            exceptions = shaper.exceptions[language].flatMap { $0.isEmpty ? nil : $0 }
            lastHyphenator = (language, found, exceptions)
        }
        guard let hyphenator = found else { return WordCuts() }
        let hyphenWidth = mark("-", at: offsets[b - 1]).width
        var out = WordCuts()
        var k = a
        while k < b {
            guard ScalarClass.isLetter(scalars[k]), levels[k] % 2 == 0 else { k += 1; continue }
            var m = k
            while m < b, ScalarClass.isLetter(scalars[m]), levels[m] == levels[k] { m += 1 }
            // Too short to break (the patterns' minimums, counted in scalars, never fewer than the letters).
            if m - k < hyphenator.shortestWord { k = m; continue }
            var letters = bytes(offsets[k], offsets[m])
            // Letters all lowercase (most words) are their own lowercase form: no case mapping is asked for.
            let lower = scalars[k..<m].allSatisfy { $0.value < 0x80 ? !ScalarClass.isUppercase($0) : $0.properties.isLowercase }
            // A capital at the start of a sentence does not make a proper name: "Ensemble" may break.
            if !lower, anyCase || scalars[(k + 1)..<m].allSatisfy({ !ScalarClass.isUppercase($0) }) && sentenceStart(before: k) { letters = letters.lowercased() }
            let points = exceptions.flatMap { $0[lower ? letters : letters.lowercased()] } ?? hyphenator.points(Substring(letters))
            for p in points where p > 0 && k + p < m && !insideName(k + p) {
                out[k + p] = .penalty(width: hyphenWidth, cost: cost, flagged: true)
            }
            k = m
        }
        return out
    }

    /// What to install or add for characters no font has: Debian's CJK fonts for Chinese, Japanese and
    /// Korean (presskit uses them once installed), else a font of the script beside the shipped ones.
    static func fontHint(for scalars: [Unicode.Scalar]) -> String {
        let cjk = scalars.contains { (0x2E80...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value)
            || (0xF900...0xFAFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) || (0x20000...0x2FA1F).contains($0.value) }
        return cjk ? "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk): presskit uses it for Chinese, Japanese and Korean text"
                   : "add a font that has these characters, with its licence, to Assets/fonts (Debian's fonts-noto-core has one for most scripts)"
    }

    /// Whether a break before scalar `k` would fall inside one of the personal names the paragraph prints.
    private func insideName(_ k: Int) -> Bool { nameRanges.contains { $0.lowerBound < k && k < $0.upperBound } }

    /// Whether scalar `k` starts a sentence: nothing but spaces and opening quotes since the paragraph's
    /// start or since `.`, `!`, `?` or `…`.
    private func sentenceStart(before k: Int) -> Bool {
        var j = k - 1
        while j >= 0 {
            let c = scalars[j]
            if c == " " || c == "\u{00A0}" || c == "\u{202F}" || "«“\"(".unicodeScalars.contains(c) { j -= 1; continue }
            guard ".!?…".unicodeScalars.contains(c) else { return false }
            // "M. Dupont", "J. Martin", "p. 12": the period of an abbreviation or an initial ends no sentence.
            var start = j
            while start > 0, !" \u{00A0}\u{202F}(«“".unicodeScalars.contains(scalars[start - 1]) { start -= 1 }
            let word = String(String.UnicodeScalarView(scalars[start...j]))
            let initial = word.count == 2 && word.first?.isUppercase == true
            return !(c == "." && (initial || Typography.bindingAbbreviations[paragraph.language]?.contains(word) == true))
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
}
