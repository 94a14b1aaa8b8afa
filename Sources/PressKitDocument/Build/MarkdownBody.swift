import CCmark
import Foundation

/// A block of a Markdown text (a section's body), as presskit prints it.
public indirect enum BodyNode: Sendable {
    case paragraph([TextRun], line: Int)
    /// A sub-heading: `##` is level 2 (the section's own title is level 1), `###` level 3.
    case heading(level: Int, [TextRun], line: Int)
    case list(ordered: Bool, start: Int, items: [[BodyNode]])
    /// A block quote (`> …`).
    case quote([BodyNode])
    /// A GitHub table: its header row and body rows, each cell's runs; widths in per cent when a
    /// `::: {.table widths="20 80"}` around it gives them.
    case table(header: [[TextRun]], rows: [[[TextRun]]], widths: [Double]?, line: Int)
    /// A fenced div (`::: pullquote`, `::: note`) and what it holds.
    case division(Division, [BodyNode])
    /// A photo of the meeting placed by its id (`![](reunion)`), printed with its caption and credit; with
    /// `{float=right width=40%}` after it, standing beside the paragraphs that follow, which flow around it.
    case figure(id: String, line: Int, float: FigureFloat?)
}

/// Where a floating photo stands and how wide it is.
public struct FigureFloat: Sendable, Equatable {
    public var side: Hang.Side
    /// A share of the column, 0.2 to 0.6.
    public var fraction: Double
}

/// What a fenced div (Pandoc's `::: name` … `:::`) makes of the blocks inside it.
public struct Division: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case pullquote, note, table
        /// A div of a kind presskit does not know (reported): its blocks print as they are.
        case plain = ""
    }
    public var kind: Kind
    /// `speaker=person-id` of a pull quote; `widths="20 80"` of a table; `lang=en` of any.
    public var attributes: [String: String]
    /// The line of the text its opening fence is on.
    public var line = 0
}

/// Reads a Markdown text into body nodes with cmark-gfm: every node is either printed or a problem.
public enum MarkdownBody {
    /// The nodes of `markdown` and the problems found, each with its line in the text.
    public static func parse(_ markdown: String) -> (nodes: [BodyNode], problems: [InlineMarkdown.Unprinted]) {
        guard let document = MarkdownParser.parse(markdown) else { return ([], []) }
        defer { cmark_node_free(document) }
        var problems: [InlineMarkdown.Unprinted] = []
        let nodes = blocks(MarkdownParser.children(document), problems: &problems)
        return (nodes, problems)
    }

    /// The attributes each division kind accepts.
    static let allowed: [Division.Kind: Set<String>] = [.pullquote: ["speaker", "lang"], .note: ["lang"], .table: ["widths"], .plain: []]

    private static func blocks(_ nodes: [OpaquePointer], problems: inout [InlineMarkdown.Unprinted]) -> [BodyNode] {
        // Fenced divs first: their fences are paragraphs (or a paragraph's first and last lines) to cmark.
        var out: [BodyNode] = []
        var stack: [(division: Division, line: Int, nodes: [BodyNode])] = []
        // A fence already reported inside a paragraph: the `:::` that would have closed it is no new problem.
        var misplacedFences = 0
        func emit(_ node: BodyNode) { if stack.isEmpty { out.append(node) } else { stack[stack.count - 1].nodes.append(node) } }
        func close() {
            guard let (division, _, inner) = stack.popLast() else {
                if misplacedFences > 0 { misplacedFences -= 1; return }
                problems.append(.init(message: "a `:::` closes no div", hint: "open a div with `::: pullquote`, `::: note` or `::: {.table widths=\"…\"}` on a line of its own, with a blank line before it"))
                return
            }
            // A table div gives its table column widths and is no block of its own.
            if division.kind == .table {
                let widths = division.attributes["widths"].map { $0.split(separator: " ").map { Double($0.hasSuffix("%") ? $0.dropLast() : $0) ?? -1 } }
                for node in inner {
                    if case .table(let header, let rows, _, let line) = node { emit(.table(header: header, rows: rows, widths: widths, line: line)) } else { emit(node) }
                }
                return
            }
            if division.kind == .plain { inner.forEach(emit) } else { emit(.division(division, inner)) }
        }
        for node in nodes {
            var opened: (Division, Int)?, closes = false
            if MarkdownParser.kind(node) == "paragraph" {
                (opened, closes) = fences(node, problems: &problems)
                if let (division, line) = opened { stack.append((division, line, [])) }
                if MarkdownParser.children(node).isEmpty {
                    if closes { close() }
                    continue
                }
            }
            // A fence right under a table's last row is read by cmark-gfm as one more row: take it back.
            if MarkdownParser.kind(node) == "table", let last = MarkdownParser.children(node).last, isFenceRow(last) {
                cmark_node_free(last)
                closes = true
            }
            let before = problems.count
            if let converted = block(node, problems: &problems) { emit(converted) }
            misplacedFences += problems[before...].filter { $0.message.contains("is inside a paragraph") }.count
            if closes { close() }
        }
        for open in stack.reversed() {
            problems.append(.init(message: "the div `::: \(open.division.kind.rawValue)` opened here is never closed",
                                  hint: "end it with `:::` on a line of its own", line: open.line))
        }
        while !stack.isEmpty { close() }
        return out
    }

    /// Whether a table row is a closing fence (`:::` in its first cell, nothing in the others).
    private static func isFenceRow(_ row: OpaquePointer) -> Bool {
        let cells = MarkdownParser.children(row)
        func words(_ cell: OpaquePointer) -> String {
            MarkdownParser.children(cell).map(MarkdownParser.literal).joined().trimmingBlanks()
        }
        return MarkdownParser.kind(row) == "table_row" && cells.first.map(words) == ":::" && cells.dropFirst().allSatisfy { words($0).isEmpty }
    }

    /// Whether a paragraph opens a div on its first line and closes one on its last; the fence lines are
    /// taken out of the paragraph.
    private static func fences(_ paragraph: OpaquePointer, problems: inout [InlineMarkdown.Unprinted]) -> ((Division, Int)?, Bool) {
        var opened: (Division, Int)?
        var children = MarkdownParser.children(paragraph)
        if let first = children.first, MarkdownParser.kind(first) == "text", MarkdownParser.literal(first).hasPrefix(":::"),
           children.count == 1 || MarkdownParser.kind(children[1]) == "softbreak" {
            // cmark-gfm gives no position to a paragraph a table was taken from: the line before the table's.
            var line = Int(cmark_node_get_start_line(first))
            if line == 0, let next = cmark_node_next(paragraph) { line = max(1, Int(cmark_node_get_start_line(next)) - 1) }
            let spec = MarkdownParser.literal(first).dropFirst(3).trimmingBlanks()
            if !spec.isEmpty {
                // An unknown kind is reported; its fences still pair, and its blocks print as plain text.
                var found = division(spec, line: line, problems: &problems) ?? Division(kind: .plain, attributes: [:])
                found.line = line
                opened = (found, line)
                cmark_node_free(first)
                if children.count > 1 { cmark_node_free(children[1]) }
                children = MarkdownParser.children(paragraph)
            }
        }
        var closes = false
        if let last = children.last, MarkdownParser.kind(last) == "text", MarkdownParser.literal(last).trimmingBlanks() == ":::",
           children.count == 1 || MarkdownParser.kind(children[children.count - 2]) == "softbreak" {
            closes = true
            cmark_node_free(last)
            if children.count > 1 { cmark_node_free(children[children.count - 2]) }
        }
        return (opened, closes)
    }

    /// A div's kind and attributes from `pullquote`, `{.pullquote speaker=cedric-o}`.
    private static func division(_ spec: String, line: Int, problems: inout [InlineMarkdown.Unprinted]) -> Division? {
        var words = spec.hasPrefix("{") && spec.hasSuffix("}") ? String(spec.dropFirst().dropLast()) : spec
        words = words.trimmingBlanks()
        var name = "", attributes: [String: String] = [:]
        var items: [String] = []
        var current = "", quoted = false
        for c in words {
            if c == "\"" { quoted.toggle(); continue }
            if c == " " && !quoted { if !current.isEmpty { items.append(current) }; current = ""; continue }
            current.append(c)
        }
        if !current.isEmpty { items.append(current) }
        for item in items {
            if let eq = item.firstIndex(of: "=") { attributes[String(item[..<eq])] = String(item[item.index(after: eq)...]) } else {
                name = item.hasPrefix(".") ? String(item.dropFirst()) : item
            }
        }
        let kinds = Division.Kind.allCases.filter { $0 != .plain }.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        guard let kind = Division.Kind(rawValue: name), kind != .plain else {
            problems.append(.init(message: "`::: \(spec)` is not a kind of block presskit knows", hint: "a div is one of \(kinds)", line: line))
            return nil
        }
        for key in attributes.keys.sorted() where !(allowed[kind] ?? []).contains(key) {
            problems.append(.init(message: "a `\(name)` div has no attribute `\(key)`",
                                  hint: "it takes " + (allowed[kind] ?? []).sorted().map { "`\($0)`" }.joined(separator: ", "), line: line))
            attributes[key] = nil
        }
        if let lang = attributes["lang"], !InlineMarkdown.isLanguage(lang) {
            problems.append(.init(message: "`\(lang)` is not a language code", hint: "write an ISO 639-1 code: en, fr, de, it, el, ar, he…", line: line))
            attributes["lang"] = nil
        }
        return Division(kind: kind, attributes: attributes)
    }

    /// `float=right width=40%` after a photo: the side it stands on and its share of the column.
    private static func floating(_ text: String, line: Int, problems: inout [InlineMarkdown.Unprinted]) -> FigureFloat? {
        var side: Hang.Side?, fraction = 0.4
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("float", 2):
                guard let s = Hang.Side(rawValue: parts[1]) else {
                    problems.append(.init(message: "a photo floats `left` or `right`, not `\(parts[1])`", hint: "![](id){float=right width=40%}", line: line))
                    return nil
                }
                side = s
            case ("width", 2):
                guard parts[1].hasSuffix("%"), let pct = Double(parts[1].dropLast()), (20...60).contains(pct) else {
                    problems.append(.init(message: "a floating photo's width is a share of the column from 20% to 60%, not `\(parts[1])`",
                                          hint: "![](id){float=right width=40%}", line: line))
                    return nil
                }
                fraction = pct / 100
            default:
                problems.append(.init(message: "`\(item)` is not an attribute of a photo", hint: "a photo takes {float=left|right width=N%}", line: line))
                return nil
            }
        }
        guard let side else {
            problems.append(.init(message: "`{\(text)}` after a photo says no side to float on", hint: "![](id){float=right width=40%}", line: line))
            return nil
        }
        return FigureFloat(side: side, fraction: fraction)
    }

    /// One block node, or nil (and a problem) for one presskit does not print.
    private static func block(_ node: OpaquePointer, problems: inout [InlineMarkdown.Unprinted]) -> BodyNode? {
        let line = Int(cmark_node_get_start_line(node))
        switch MarkdownParser.kind(node) {
        case "paragraph":
            let children = MarkdownParser.children(node)
            let attributes = children.count == 2 && MarkdownParser.kind(children[1]) == "text" ? MarkdownParser.literal(children[1]).trimmingBlanks() : nil
            if MarkdownParser.kind(children[0]) == "image", children.count == 1 || attributes.map({ $0.hasPrefix("{") && $0.hasSuffix("}") }) == true {
                let id = cmark_node_get_url(children[0]).map { String(cString: $0) } ?? ""
                if !MarkdownParser.children(children[0]).isEmpty {
                    problems.append(.init(message: "the words in `![…](\(id))` are not printed",
                                          hint: "write `![](\(id))`: a photo's caption, credit and alternative text come from its entry in `photos`", line: line))
                }
                return .figure(id: id, line: line, float: attributes.flatMap { floating(String($0.dropFirst().dropLast()), line: line, problems: &problems) })
            }
            // Pandoc's rule: a fence is a paragraph of its own, with blank lines around it.
            for (k, child) in children.enumerated() where k > 0 && MarkdownParser.kind(children[k - 1]) == "softbreak"
                && MarkdownParser.kind(child) == "text" && MarkdownParser.literal(child).hasPrefix(":::") {
                let fenceLine = Int(cmark_node_get_start_line(child))
                problems.append(.init(message: "the fence “\(MarkdownParser.literal(child).prefix(40))” is inside a paragraph",
                                      hint: "leave a blank line before a `:::` line that opens a div, and after one that closes it",
                                      line: fenceLine > 0 ? fenceLine : (line > 0 ? line : nil)))
            }
            return .paragraph(InlineMarkdown.inline(node, problems: &problems), line: line)
        case "heading":
            let level = Int(cmark_node_get_heading_level(node))
            guard level >= 2, level <= 3 else {
                problems.append(.init(message: level == 1 ? "a `#` heading inside a text would stand beside the section's own title"
                                                          : "a heading of level \(level) is deeper than presskit prints",
                                      hint: "start sub-headings at `##`; `###` for one level below", line: line))
                return level == 1 ? nil : .heading(level: 3, InlineMarkdown.inline(node, problems: &problems), line: line)
            }
            return .heading(level: level, InlineMarkdown.inline(node, problems: &problems), line: line)
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = MarkdownParser.children(node).map { blocks(MarkdownParser.children($0), problems: &problems) }
            return .list(ordered: ordered, start: Int(cmark_node_get_list_start(node)), items: items)
        case "block_quote":
            return .quote(blocks(MarkdownParser.children(node), problems: &problems))
        case "table":
            var header: [[TextRun]] = [], rows: [[[TextRun]]] = []
            for row in MarkdownParser.children(node) {
                let cells = MarkdownParser.children(row).map { InlineMarkdown.inline($0, problems: &problems) }
                if MarkdownParser.kind(row) == "table_header" { header = cells } else { rows.append(cells) }
            }
            return .table(header: header, rows: rows, widths: nil, line: line)
        default:
            problems.append(InlineMarkdown.describe(node))
            return nil
        }
    }
}
