import Foundation
import PressKitModel
import PressKitDocument

/// What a demanding reader would check on a laid-out document: overfull, loose and tight lines, runs of
/// hyphens, widows and orphans, French line-edge faults, rules relaxed. Computed from the pages themselves.
public struct TypographicReport: Codable, Sendable, Equatable {
    public var document = ""
    public var pages = 0
    public var lines = 0
    /// Lines wider than their column.
    public var overfull: [String] = []
    /// Justified lines whose spaces stretch beyond what the spacing allows (ratio > 1).
    public var loose: [String] = []
    /// Justified lines whose spaces shrink beyond what the spacing allows (ratio < -1).
    public var tight: [String] = []
    public var hyphenatedLines = 0
    public var longestHyphenRun = 0
    /// A paragraph's last line alone at the head of a page.
    public var widows: [String] = []
    /// A paragraph's first line alone at the foot of a page.
    public var orphans: [String] = []
    /// Lines that start with ; : ! ? » or end with « (in French).
    public var spacing: [String] = []
    /// Page rules given up where they could not all hold.
    public var relaxed: [String] = []
    /// Warnings raised while setting text (words broken because wider than their column).
    public var warnings: [String] = []
    /// Faces or features asked for and emulated (fonts are never substituted: a missing one is an error).
    public var substitutions: [String] = []
    /// Characters no shipped font has (always empty in a finished build: they are errors).
    public var missingGlyphs: [String] = []
    /// Sum of squared adjustment ratios of justified lines (lower is more even).
    public var sumOfSquaredRatios = 0.0

    /// Whether the document has no fault of any kind.
    public var isClean: Bool {
        overfull.isEmpty && widows.isEmpty && orphans.isEmpty && spacing.isEmpty && tight.isEmpty
    }

    /// An empty report of `document`.
    public init(document: String) { self.document = document }

    public init(document: String, paged: PagedDocument, warnings: [Diagnostic] = [], substitutions: [String] = []) {
        self.document = document
        self.substitutions = substitutions
        pages = paged.pages.count
        relaxed = paged.relaxed
        self.warnings = warnings.map(\.description)
        // One pass over the pages keeps what the findings need of each line (no copy of the lines themselves,
        // whose glyph runs, links and texts would each be retained and released), grouped by paragraph.
        var groups: [[LineFacts]] = []
        var groupOf: [Int: Int] = [:]
        var roles: [StructureRole] = []
        let french = paged.info.language == "fr"
        for (p, page) in paged.pages.enumerated() {
            for k in page.items.indices {
                guard case .line(let line, _, let tag) = page.items[k], tag.role != .label else { continue }
                var facts = LineFacts(page: page.number, at: (p, k), width: line.width.pt, measure: line.measure.pt, ratio: line.ratio,
                                      hyphenated: line.hyphenated)
                if french { facts.spacingFault = Self.frenchSpacingFaults(line.text) }
                if let g = groupOf[tag.id] { groups[g].append(facts); roles[g] = tag.role } else {
                    groupOf[tag.id] = groups.count
                    groups.append([facts])
                    roles.append(tag.role)
                }
            }
        }
        /// The line's text as a finding names it, made only for a line that has one.
        func short(_ facts: LineFacts) -> String {
            guard case .line(let line, _, _) = paged.pages[facts.at.page].items[facts.at.item] else { return "p\(facts.page)" }
            return "p\(facts.page): \(line.text.prefix(50))"
        }
        for (g, ls) in groups.enumerated() {
            var run = 0
            for (n, line) in ls.enumerated() {
                lines += 1
                if line.measure > 0, line.width > line.measure + 0.01 { overfull.append(short(line)) }
                let last = n == ls.count - 1
                if !last, line.ratio > 1 { loose.append(short(line)) }
                if line.ratio < -1.0001 { tight.append(short(line)) }
                if !last { sumOfSquaredRatios += line.ratio * line.ratio }
                if line.hyphenated { hyphenatedLines += 1; run += 1; longestHyphenRun = max(longestHyphenRun, run) } else { run = 0 }
                // A line may have both faults; each is a finding.
                for _ in 0..<line.spacingFault { spacing.append(short(line)) }
            }
            // A table's header row is repeated on each page it spans: that is not a paragraph split.
            guard ls.count >= 2, roles[g] != .headerCell else { continue }
            let firstPage = ls[0].page, lastPage = ls[ls.count - 1].page
            if ls.filter({ $0.page == firstPage }).count == 1, lastPage != firstPage { orphans.append(short(ls[0])) }
            if ls.filter({ $0.page == lastPage }).count == 1, lastPage != firstPage { widows.append(short(ls[ls.count - 1])) }
        }
    }

    /// What the findings need of a line, and where it stands (page index, item index) to name it.
    struct LineFacts {
        var page: Int
        var at: (page: Int, item: Int)
        var width: Double
        var measure: Double
        var ratio: Double
        var hyphenated: Bool
        /// French line-edge faults: one for a line starting with ; : ! ? », one for a line ending with «.
        var spacingFault = 0
    }

    /// How many French line-edge faults `text` has: starting with ; : ! ? », ending with « (spaces aside:
    /// Foundation's `.whitespaces`, Unicode's Zs and tab).
    static func frenchSpacingFaults(_ text: String) -> Int {
        var faults = 0
        if let first = text.first, ";:!?»".contains(first) { faults += 1 }
        if let end = text.unicodeScalars.last(where: { !($0 == "\t" || $0 == " " || ($0.value >= 0x80 && $0.properties.generalCategory == .spaceSeparator)) }),
           end == "«" {
            faults += 1
        }
        return faults
    }

    /// The report as a few lines for people.
    public var summary: String {
        var out = "\(document): \(pages) page\(pages == 1 ? "" : "s"), \(lines) lines: "
        out += "\(overfull.count) overfull, \(loose.count) loose, \(tight.count) tight, "
        out += "\(hyphenatedLines) hyphenated (longest run \(longestHyphenRun)), "
        out += "\(widows.count) widows, \(orphans.count) orphans, \(spacing.count) spacing faults, \(relaxed.count) rules relaxed"
        for (name, list) in [("overfull", overfull), ("loose", loose), ("tight", tight), ("widow", widows), ("orphan", orphans),
                             ("spacing", spacing), ("relaxed", relaxed), ("warning", warnings), ("substitution", substitutions)] {
            for item in list { out += "\n  \(name): \(item)" }
        }
        return out
    }
}
