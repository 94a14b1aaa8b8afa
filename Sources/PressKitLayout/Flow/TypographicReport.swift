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
        var linesOf: [Int: [(page: Int, line: ShapedLine)]] = [:]
        var roles: [Int: StructureRole] = [:]
        var order: [Int] = []
        for page in paged.pages {
            for case .line(let line, _, let tag) in page.items where tag.role != .label {
                roles[tag.id] = tag.role
                if linesOf[tag.id] == nil { order.append(tag.id) }
                linesOf[tag.id, default: []].append((page.number, line))
            }
        }
        for id in order {
            let ls = linesOf[id]!
            var run = 0
            for (n, (page, line)) in ls.enumerated() {
                lines += 1
                let text = line.text
                // The line as a finding names it, made only for a line that has one.
                func short() -> String { "p\(page): \(text.prefix(50))" }
                if line.measure.pt > 0, line.width.pt > line.measure.pt + 0.01 { overfull.append(short()) }
                let last = n == ls.count - 1
                if !last, line.ratio > 1 { loose.append(short()) }
                if line.ratio < -1.0001 { tight.append(short()) }
                if !last { sumOfSquaredRatios += line.ratio * line.ratio }
                if line.hyphenated { hyphenatedLines += 1; run += 1; longestHyphenRun = max(longestHyphenRun, run) } else { run = 0 }
                if paged.info.language == "fr" {
                    if let first = text.first, ";:!?»".contains(first) { spacing.append(short()) }
                    // The last character that is not a space (Foundation's `.whitespaces`: Unicode's Zs and tab).
                    if let end = text.unicodeScalars.last(where: { !($0 == "\t" || $0.properties.generalCategory == .spaceSeparator) }), end == "«" {
                        spacing.append(short())
                    }
                }
            }
            // A table's header row is repeated on each page it spans: that is not a paragraph split.
            guard ls.count >= 2, roles[id] != .headerCell else { continue }
            let firstPage = ls[0].page, lastPage = ls[ls.count - 1].page
            if ls.filter({ $0.page == firstPage }).count == 1, lastPage != firstPage { orphans.append("p\(firstPage): \(ls[0].line.text.prefix(50))") }
            if ls.filter({ $0.page == lastPage }).count == 1, lastPage != firstPage { widows.append("p\(lastPage): \(ls[ls.count - 1].line.text.prefix(50))") }
        }
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
