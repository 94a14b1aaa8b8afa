import Foundation
import PressKitModel
import PressKitDocument

/// An element of a paragraph for line breaking, in Knuth and Plass's model.
public enum BreakItem: Equatable, Sendable {
    /// Something of fixed width: a word or a piece of one.
    case box(width: Double)
    /// Space that may stretch or shrink, and where a line may break (if a box precedes it).
    case glue(width: Double, stretch: Double, shrink: Double)
    /// A possible break with a cost; `width` is added at a break (a hyphen); `flagged` marks hyphens.
    case penalty(width: Double, cost: Double, flagged: Bool)

    public static let infinity = 10_000.0
    /// A break that must be taken.
    public static let forcedBreak = BreakItem.penalty(width: 0, cost: -infinity, flagged: false)
    /// A place where no break may be taken.
    public static let noBreak = BreakItem.penalty(width: 0, cost: infinity, flagged: false)
}

/// One line chosen by the breaker: where it ends, how much its spaces were stretched (> 0) or shrunk (< 0).
public struct LineBreak: Equatable, Sendable {
    /// Index of the item the line ends at (a glue or penalty), or the last item.
    public var position: Int
    /// Adjustment ratio: 0 natural, 1 all stretch used, -1 all shrink used.
    public var ratio: Double
    /// Whether the line ends with a hyphen.
    public var hyphenated: Bool
}

/// Total-fit line breaking (Knuth–Plass), as TeX does it: the breaks that minimise the demerits of the
/// whole paragraph, with fitness classes, extra demerits for consecutive hyphens and a hyphen on the
/// penultimate line, and at most `maximumConsecutiveHyphens` hyphenated lines in a row.
public struct LineBreaker: Sendable {
    public var tolerance = 200.0
    /// The badness a first pass without hyphenation accepts (TeX's \\pretolerance): a paragraph that sets
    /// well without breaking words is not hyphenated at all.
    public var pretolerance = 100.0
    public var linePenalty = 10.0
    /// How much a justified line may widen or narrow its letters, as a fraction of their width (font
    /// expansion: 0.02 is microtype's default ±2 %, invisible to readers, and spares hyphens and wide spaces).
    public var expansion = 0.02
    /// Expansion comes in steps of this size (microtype's default 0.5 %): a face is drawn at a few widths
    /// only, so renderers keep a few scaled fonts, not one per line; spaces take what the step leaves.
    public var expansionStep = 0.005
    /// The cost of breaking a word at a hyphenation point (TeX's \\hyphenpenalty).
    public var hyphenPenalty = 50.0
    public var doubleHyphenDemerits = 10_000.0
    public var finalHyphenDemerits = 5_000.0
    public var adjacentFitnessDemerits = 10_000.0
    public var maximumConsecutiveHyphens = 2
    /// Where candidate-against-active comparisons are counted, when set.
    public var work: WorkCount?

    public init() {}

    /// Every setting that changes the breaks chosen, in one list (what the paragraph cache compares).
    var settings: [Double] {
        [tolerance, pretolerance, linePenalty, expansion, expansionStep, hyphenPenalty, doubleHyphenDemerits,
         finalHyphenDemerits, adjacentFitnessDemerits, Double(maximumConsecutiveHyphens)]
    }

    private struct Node {
        var position: Int
        var line: Int
        var fitness: Int
        var width: Double, stretch: Double, shrink: Double
        var demerits: Double
        var ratio: Double
        var hyphenRun: Int
        var flagged: Bool
        var previous: Int?
    }

    /// The breaks of `items` into lines of `width`, or nil when no set of breaks meets the tolerance
    /// (an `emergency` run accepts any looseness, so it fails only if a box is wider than the line).
    /// With `limitHyphens` false (a last resort), any number of hyphenated lines may follow each other.
    /// With `hyphenate` false, hyphenation points (flagged penalties that add a hyphen) are not break candidates.
    /// With `narrow`, the first `narrow.lines` lines are `narrow.width` wide (a figure beside them).
    public func breakLines(_ items: [BreakItem], width full: Double, narrow: (lines: Int, width: Double)? = nil, emergency: Bool = false,
                           limitHyphens: Bool = true, hyphenate: Bool = true) -> [LineBreak]? {
        guard !items.isEmpty else { return [] }
        // Lines past the narrowed ones are alike: nodes are told apart by their line only up to there.
        let narrowLines = narrow?.lines ?? 0
        func measure(_ line: Int) -> Double { line < narrowLines ? narrow!.width : full }
        let tolerance = emergency ? Double.infinity : self.tolerance
        // Running sums up to (not including) each item.
        var sumW = [Double](repeating: 0, count: items.count + 1)
        var sumY = sumW, sumZ = sumW
        for (i, item) in items.enumerated() {
            var w = 0.0, y = 0.0, z = 0.0
            if case .box(let bw) = item { w = bw }
            if case .glue(let gw, let gy, let gz) = item { w = gw; y = gy; z = gz }
            sumW[i + 1] = sumW[i] + w; sumY[i + 1] = sumY[i] + y; sumZ[i + 1] = sumZ[i] + z
        }
        var nodes: [Node] = [Node(position: -1, line: 0, fitness: 1, width: 0, stretch: 0, shrink: 0, demerits: 0,
                                  ratio: 0, hyphenRun: 0, flagged: false, previous: nil)]
        var active: [Int] = [0]

        /// Sums after a break at `b`: the next line starts at the first box after it.
        func after(_ b: Int) -> (Double, Double, Double) {
            var w = sumW[b + 1], y = sumY[b + 1], z = sumZ[b + 1]
            var i = b + 1
            while i < items.count {
                switch items[i] {
                case .box: return (w, y, z)
                case .glue(let gw, let gy, let gz): w += gw; y += gy; z += gz
                case .penalty(_, let cost, _): if cost <= -BreakItem.infinity && i > b { return (w, y, z) }
                }
                i += 1
            }
            return (w, y, z)
        }

        for (b, item) in items.enumerated() {
            var penaltyWidth = 0.0, cost = 0.0, flagged = false
            switch item {
            case .box: continue
            case .glue:
                guard b > 0, case .box = items[b - 1] else { continue }
            case .penalty(let pw, let c, let f):
                guard c < BreakItem.infinity, hyphenate || !(f && pw > 0) else { continue }
                penaltyWidth = pw; cost = c; flagged = f
            }
            work?.add(active.count)
            var best: [Int: (demerits: Double, node: Int, ratio: Double)] = [:]
            var stillActive: [Int] = []
            for a in active {
                let node = nodes[a]
                let width = measure(node.line)
                let natural = sumW[b] - node.width + penaltyWidth
                var ratio: Double
                if natural < width {
                    let stretch = sumY[b] - node.stretch
                    ratio = stretch > 0 ? (width - natural) / stretch : BreakItem.infinity
                } else if natural > width {
                    let shrink = sumZ[b] - node.shrink
                    ratio = shrink > 0 ? (width - natural) / shrink : -BreakItem.infinity
                } else { ratio = 0 }
                let forced = cost <= -BreakItem.infinity
                if ratio < -1 || forced { /* deactivate */ } else { stillActive.append(a) }
                // Badness, as TeX measures it: 100·|r|³, "infinitely bad" past 10,000 or with nothing to stretch.
                guard ratio >= -1 else { continue }
                let r = abs(ratio)
                let badness = min(BreakItem.infinity, 100 * (r * r * r))
                guard badness <= tolerance else { continue }
                let hyphenRun = flagged ? node.hyphenRun + 1 : 0
                if limitHyphens, hyphenRun > maximumConsecutiveHyphens { continue }
                var demerits = (linePenalty + badness) * (linePenalty + badness)  // a square, exactly as pow(_, 2)
                if cost >= 0 { demerits += cost * cost } else if !forced { demerits -= cost * cost }
                if flagged && node.flagged { demerits += doubleHyphenDemerits }
                if forced && node.flagged { demerits += finalHyphenDemerits }
                let fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3
                if abs(fitness - node.fitness) > 1 { demerits += adjacentFitnessDemerits }
                let total = node.demerits + demerits
                let key = fitness + 4 * min(node.line + 1, narrowLines)
                if best[key].map({ total < $0.demerits }) ?? true { best[key] = (total, a, ratio) }
            }
            active = stillActive
            if !best.isEmpty {
                let (w, y, z) = after(b)
                for (key, choice) in best.sorted(by: { $0.key < $1.key }) {
                    let fitness = key % 4
                    let parent = nodes[choice.node]
                    nodes.append(Node(position: b, line: parent.line + 1, fitness: fitness, width: w, stretch: y, shrink: z,
                                      demerits: choice.demerits, ratio: choice.ratio,
                                      hyphenRun: flagged ? parent.hyphenRun + 1 : 0, flagged: flagged, previous: choice.node))
                    active.append(nodes.count - 1)
                }
            }
            if active.isEmpty { return nil }
        }
        // The paragraph ends with a forced break: the best node there ends the best set of lines.
        let last = items.count - 1
        guard let end = active.filter({ nodes[$0].position == last }).min(by: { nodes[$0].demerits < nodes[$1].demerits }) else {
            return nil
        }
        var breaks: [LineBreak] = []
        var cursor: Int? = end
        while let c = cursor, nodes[c].position >= 0 {
            breaks.append(LineBreak(position: nodes[c].position, ratio: nodes[c].ratio, hyphenated: nodes[c].flagged))
            cursor = nodes[c].previous
        }
        return breaks.reversed()
    }

    /// First-fit breaking, as most tools do: each line takes as much as fits at natural spacing.
    /// For comparison with total fit, in tests and reports.
    public func firstFit(_ items: [BreakItem], width full: Double, narrow: (lines: Int, width: Double)? = nil) -> [LineBreak] {
        var breaks: [LineBreak] = []
        // The width of the line being filled: narrowed for the first lines beside a figure.
        var width: Double { breaks.count < (narrow?.lines ?? 0) ? narrow!.width : full }
        func ratio(_ n: Double, _ stretch: Double, _ shrink: Double) -> Double {
            if n < width { return stretch > 0 ? (width - n) / stretch : BreakItem.infinity }
            if n > width { return shrink > 0 ? (width - n) / shrink : -BreakItem.infinity }
            return 0
        }
        var start = 0
        var candidate: (position: Int, natural: Double, stretch: Double, shrink: Double, flagged: Bool)?
        var w = 0.0, y = 0.0, z = 0.0
        var i = 0
        while i < items.count {
            switch items[i] {
            case .box(let bw): w += bw
            case .glue(let gw, let gy, let gz):
                if i > start, case .box = items[i - 1], w <= width || candidate == nil { candidate = (i, w, y, z, false) }
                w += gw; y += gy; z += gz
            case .penalty(let pw, let cost, let flagged):
                if cost <= -BreakItem.infinity {
                    breaks.append(LineBreak(position: i, ratio: ratio(w, y, z), hyphenated: false))
                    return breaks
                }
                if cost < BreakItem.infinity, w + pw <= width || candidate == nil { candidate = (i, w + pw, y, z, flagged) }
            }
            if w > width, let c = candidate {
                breaks.append(LineBreak(position: c.position, ratio: ratio(c.natural, c.stretch, c.shrink), hyphenated: c.flagged))
                var next = c.position + 1
                while next < items.count {
                    if case .box = items[next] { break }
                    if case .penalty(_, let cost, _) = items[next], cost <= -BreakItem.infinity { break }
                    next += 1
                }
                start = next; i = next; w = 0; y = 0; z = 0; candidate = nil
                continue
            }
            i += 1
        }
        return breaks
    }
}
