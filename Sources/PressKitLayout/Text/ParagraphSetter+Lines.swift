import Foundation
import PressKitModel
import PressKitDocument

extension ParagraphSetter {
    /// One piece of a line in reading order: a shaped unit, or the space between two words.
    private enum Piece {
        case unit(ShapedUnit)
        /// A space: its width, and the stretch and shrink of the space alone (expansion aside).
        case space(width: Double, stretch: Double, shrink: Double)
    }

    /// Whether the break at item `position` is at a space (glue), so the words on each side are separate.
    private func breaksAtSpace(_ position: Int) -> Bool {
        if case .glue = items[position] { return true }
        if case .penalty(_, let cost, _) = items[position], cost <= -BreakItem.infinity { return true }
        return false
    }

    /// The lines between the chosen breaks: each line's pieces in reading order, shaped, justified, put in
    /// visual order by their embedding levels, and kept as glyph runs in reading order (each unit's runs
    /// shared with every other line that shows the same word).
    func makeLines(_ breaks: [LineBreak]) throws -> [ShapedLine] {
        var out: [ShapedLine] = []
        var start = 0
        // The space glyph, drawn invisible so that text extraction and screen readers find the words: shaped
        // once for the paragraph in each direction, not once per space.
        let spaces = [leftToRightStyle, rightToLeftStyle].map { shaper.units.shape(" ", spans: [], style: $0) }
        // Each line's working lists, emptied for the next line and their room kept: made anew for every line,
        // they were a good part of setting a paragraph (allocated, grown, freed).
        var groups: [(start: Int, end: Int, word: Int, level: UInt8)] = []
        var spaceBefore: [(width: Double, stretch: Double, shrink: Double, level: UInt8)?] = []
        var pieces: [Piece] = []
        var pieceLevels: [UInt8] = []
        var pieceLanguages: [Int: String] = [:]
        var placed: [(run: GlyphRun, logical: Int)] = []
        /// The line's characters, as UTF-8: made a string once, at its end.
        var textBytes: [UInt8] = []
        out.reserveCapacity(breaks.count)
        for (lineIndex, brk) in breaks.enumerated() {
            // The line's own measure: narrower beside a figure; shifted past a figure on the left.
            let width = measure(lineIndex)
            let shift = paragraph.hang?.side == .left && lineIndex < (narrow?.lines ?? 0) ? self.width - width : 0
            // Boxes of one word at one level make one unit; glue between words makes a space.
            groups.removeAll(keepingCapacity: true)
            spaceBefore.removeAll(keepingCapacity: true)
            var pendingGlue: (Double, Double, Double, UInt8)?
            var expansionStretch = 0.0
            for i in start..<brk.position {
                switch items[i] {
                case .box:
                    let p = places[i]
                    if pendingGlue == nil, let last = groups.last, last.word == p.word, last.level == p.level {
                        groups[groups.count - 1].end = p.end
                    } else {
                        spaceBefore.append(groups.isEmpty ? nil : pendingGlue)
                        groups.append(p)
                    }
                    pendingGlue = nil
                case .glue(let w, let y, let z):
                    let lent = expansions[i] ?? 0
                    if y < 100_000 { pendingGlue = (w, y - lent, z - lent, places[i].level); expansionStretch += lent }
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
            pieces.removeAll(keepingCapacity: true)
            pieceLevels.removeAll(keepingCapacity: true)
            pieceLanguages.removeAll(keepingCapacity: true)
            textBytes.removeAll(keepingCapacity: true)
            for (n, g) in groups.enumerated() {
                if let space = spaceBefore[n] {
                    pieces.append(.space(width: space.width, stretch: space.stretch, shrink: space.shrink))
                    pieceLevels.append(space.level)
                    textBytes.append(UInt8(ascii: " "))
                }
                let hyphenated = hyphen && n == groups.count - 1
                let unit = try (hyphenated ? nil : pieceUnit(g.start, g.end)) ?? unit(g.start, g.end, hyphen: hyphenated, rightToLeft: g.level % 2 == 1)
                pieceLanguages[pieces.count] = language(at: g.start)
                pieces.append(.unit(unit))
                pieceLevels.append(g.level)
                unit.text.utf8.withContiguousStorageIfAvailable { textBytes.append(contentsOf: $0) } ?? textBytes.append(contentsOf: unit.text.utf8)
            }
            // A line that ends at a space keeps it, taking no room, so that the words on either side of the
            // break stay two words for text extraction and screen readers.
            if !groups.isEmpty, !hyphen, brk.position < items.count - 1, breaksAtSpace(brk.position) {
                pieces.append(.space(width: 0, stretch: 0, shrink: 0))
                pieceLevels.append(rightToLeft ? 1 : 0)
                textBytes.append(UInt8(ascii: " "))
            }
            let text = String(decoding: textBytes, as: UTF8.self)
            var natural = 0.0, stretch = 0.0, shrink = 0.0, letters = 0.0
            for piece in pieces {
                switch piece {
                case .unit(let u): natural += u.width; letters += u.width
                case .space(let w, let y, let z): natural += w; stretch += y; shrink += z
                }
            }
            // Justified lines fill the measure; a last line is left at its natural width unless the breaker
            // chose to shrink it (natural wider than the measure), in which case its spaces shrink too.
            // The spaces and the letters (font expansion) share the difference as they share the flexibility.
            let extra = width - natural
            let spread = justified && (!lastLine || natural > width) ? extra : 0
            let flexibility = (extra >= 0 ? stretch : shrink) + expansionStretch
            let expanded = flexibility > 0 && letters > 0 ? spread * expansionStretch / flexibility : 0
            let step = max(0.0001, shaper.breaker.expansionStep)
            let wanted = max(-shaper.breaker.expansion, min(shaper.breaker.expansion, letters > 0 ? expanded / letters : 0))
            let scale = 1 + (wanted / step).rounded() * step
            let spaceSpread = spread - (scale - 1) * letters
            let total = extra >= 0 ? stretch : shrink
            // Placed left to right in visual order; the runs are kept in reading order.
            var x = 0.0
            placed.removeAll(keepingCapacity: true)
            var links: [(x: Length, width: Length, target: String)] = []
            var ascent = 0.0, descent = 0.0
            // Without a right-to-left piece, visual order is reading order: the runs need no sorting back.
            let bidirectional = pieceLevels.contains { $0 % 2 == 1 }
            let order = bidirectional ? BidiOrder.visualOrder(pieceLevels) : nil
            for position in pieces.indices {
                let k = order?[position] ?? position
                switch pieces[k] {
                case .unit(let u):
                    let language = pieceLanguages[k]
                    for run in u.runs {
                        var placedRun = GlyphRun(run.shaped, x: .pt(x) + run.x * scale, scale: scale)
                        placedRun.language = language
                        placed.append((placedRun, k))
                    }
                    for l in u.links {
                        // A link continued from the previous unit is one area, across the space between them.
                        let lx = x + l.x * scale, lw = l.width * scale
                        if let last = links.last, last.target == l.target, lx - (last.x + last.width).pt < 12 {
                            links[links.count - 1].width = .pt(lx + lw) - last.x
                        } else {
                            links.append((.pt(lx), .pt(lw), l.target))
                        }
                    }
                    ascent = max(ascent, u.ascent)
                    descent = max(descent, u.descent)
                    x += u.width * scale
                case .space(let w, let y, let z):
                    for run in spaces[Int(pieceLevels[k] % 2)].runs {
                        placed.append((GlyphRun(run.shaped, x: .pt(x) + run.x, scale: scale), k))  // one scale: drawn with its words
                    }
                    x += w + (total > 0 ? spaceSpread * (extra >= 0 ? y : z) / total : 0)
                }
            }
            let lineWidth = x
            // Text is never set over its neighbours: a line that cannot be brought within its column is refused.
            if lineWidth > width + 0.5 {
                throw DiagnosticError(Diagnostic(at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field,
                    "the column is too narrow for “\(text.trimmingBlanks())”: \(String(printf: "%.1f", width * 25.4 / 72)) mm wide, and the line needs \(String(printf: "%.1f", lineWidth * 25.4 / 72)) mm",
                    hint: "widen the column or make the style smaller in the layout"))
            }
            let offset: Double
            // In a right-to-left paragraph, lines start at the right: "left" is read as the start.
            switch (style.align, rightToLeft) {
            case (.right, false), (.left, true), (.justify, true): offset = width - lineWidth
            case (.center, _): offset = (width - lineWidth) / 2
            default: offset = 0
            }
            if groups.isEmpty { ascent = style.size.pt * 0.8; descent = style.size.pt * 0.2 }
            var line = ShapedLine(width: .pt(lineWidth), xOffset: .pt(max(0, offset) + shift), ascent: .pt(ascent), descent: .pt(descent),
                                  text: text, links: links, runs: bidirectional ? placed.sorted { $0.logical < $1.logical }.map(\.run) : placed.map(\.run),
                                  color: style.color, source: paragraph.mark)
            line.ratio = justified ? (lastLine ? min(0, brk.ratio) : brk.ratio) : 0
            line.hyphenated = hyphen
            line.measure = .pt(width)
            line.linkColor = style.linkColor
            line.linkUnderline = style.linkUnderline
            line.tracked = style.tracking != 0
            out.append(line)
            start = brk.position + 1
        }
        return out
    }
}
