import CCmark
import Foundation
import PressKitModel

/// Parses inline Markdown (emphasis, strong, links, hard breaks, Pandoc's bracketed spans
/// `[words]{lang=en}` and link attributes `{hreflang=de}`) with cmark-gfm into text runs.
public enum InlineMarkdown {
    /// What a text holds that would not be printed, or cannot be, and what to write instead.
    public struct Unprinted: Error, Equatable, Sendable {
        public var message: String
        public var hint: String
        /// The line of the text it is on (1 for the first), when known.
        public var line: Int?
        public init(message: String, hint: String, line: Int? = nil) { self.message = message; self.hint = hint; self.line = line }
    }

    /// Runs of `markdown`; block syntax (a leading `-`, `#`, `1.`) is kept as text. What cmark would read
    /// as something no text prints (an HTML block, a code block, a rule, a link reference definition) is
    /// reported through `unprinted`, never dropped in silence.
    public static func runs(_ markdown: String, unprinted: ((Unprinted) -> Void)? = nil) -> [TextRun] {
        let source = escapeBlockMarkers(markdown)
        // Only a line starting with "[" can be a definition: text without one is not split into lines.
        for line in source.containsByte(UInt8(ascii: "[")) ? source.split(separator: "\n") : []
            where line.prefix(while: { $0 == " " }).count < 4 {
            let t = line.drop(while: { $0 == " " })
            if t.hasPrefix("["), let close = t.firstIndex(of: "]"), t[t.index(after: close)...].hasPrefix(":") {
                unprinted?(Unprinted(message: "a link reference definition (“\(t.prefix(40))”) is not printed",
                                     hint: "write the link where it is used: [words](https://…)"))
            }
        }
        guard let document = MarkdownParser.parse(source) else { return [TextRun(markdown)] }
        defer { cmark_node_free(document) }
        var runs: [TextRun] = []
        var problems: [Unprinted] = []
        for (i, block) in MarkdownParser.children(document).enumerated() {
            if i > 0 { runs.append(TextRun("\n")) }
            if MarkdownParser.kind(block) == "paragraph" {
                runs += inline(block, problems: &problems)
            } else {
                problems.append(describe(block))
            }
        }
        problems.forEach { unprinted?($0) }
        return merge(runs)
    }

    /// What a block no text prints is, for the error that names it.
    static func describe(_ block: OpaquePointer) -> Unprinted {
        let literal = MarkdownParser.literal(block).trimmingBlanksAndLineBreaks()
        let shown = literal.isEmpty ? "" : " (“\(literal.prefix(40))”)"
        let markup = "a text holds words with **bold**, *italic* and [links](https://…)"
        let line = Int(cmark_node_get_start_line(block))
        switch MarkdownParser.kind(block) {
        case "html_block": return Unprinted(message: "an HTML block\(shown) is not printed", hint: "write it without HTML tags: \(markup)", line: line)
        case "code_block": return Unprinted(message: "a code block\(shown) is not printed", hint: "write it as words, without ``` or an indent of four spaces: \(markup)", line: line)
        case "thematic_break": return Unprinted(message: "a horizontal rule (---, ***) is not printed in a text", hint: "a layout draws rules with a `rule` block", line: line)
        default: return Unprinted(message: "a Markdown \(MarkdownParser.kind(block).replacingEvery("_", with: " ")) is not printed here", hint: markup, line: line)
        }
    }

    /// A piece of inline content before bracketed spans are matched.
    private enum Token { case run(TextRun), open, close(String, line: Int) }

    /// The runs of a block's inline content (a paragraph, a heading, a table cell), spans resolved.
    static func inline(_ block: OpaquePointer, problems: inout [Unprinted]) -> [TextRun] {
        var tokens: [Token] = []
        collect(block, run: TextRun(""), into: &tokens, problems: &problems)
        // Match each `]{…}` with the nearest open `[` before it; what matches nothing stays as written.
        var out: [TextRun] = []
        var opens: [Int] = []
        for token in tokens {
            switch token {
            case .run(let r): out.append(r)
            case .open: opens.append(out.count); out.append(TextRun("["))
            case .close(let attributes, let line):
                guard let start = opens.popLast() else { out.append(TextRun("]{\(attributes)}")); continue }
                let parsed = parseAttributes(attributes, allowed: ["lang"], line: line, problems: &problems)
                out.remove(at: start)
                if let language = parsed["lang"] {
                    for k in start..<out.count where out[k].language == nil { out[k].language = language }
                }
            }
        }
        return merge(out)
    }

    private static func collect(_ node: OpaquePointer, run: TextRun, into tokens: inout [Token], problems: inout [Unprinted]) {
        var run = run
        switch MarkdownParser.kind(node) {
        case "strong": run.bold = true
        case "emph": run.italic = true
        case "link": run.link = cmark_node_get_url(node).map { String(cString: $0) }
        default: break
        }
        var afterLink: Int?
        for child in MarkdownParser.children(node) {
            let kind = MarkdownParser.kind(child)
            var text = MarkdownParser.literal(child)
            switch kind {
            case "text":
                // `{hreflang=de}` right after a link says the language of what it points to.
                if let start = afterLink, text.hasPrefix("{"), let end = text.firstIndex(of: "}") {
                    let parsed = parseAttributes(String(text[text.index(after: text.startIndex)..<end]), allowed: ["hreflang"],
                                                 line: Int(cmark_node_get_start_line(child)), problems: &problems)
                    for k in start..<tokens.count { if case .run(var r) = tokens[k] { r.linkLanguage = parsed["hreflang"]; tokens[k] = .run(r) } }
                    text = String(text[text.index(after: end)...])
                }
                split(text, run: run, line: Int(cmark_node_get_start_line(child)), into: &tokens)
            case "code", "html_inline":
                var r = run; r.content = .text(text); tokens.append(.run(r))
            case "softbreak":
                var r = run; r.content = .text(" "); tokens.append(.run(r))
            case "linebreak":
                var r = run; r.content = .text("\u{2028}"); tokens.append(.run(r))
            case "image":
                problems.append(Unprinted(message: "an image inside a sentence is not printed",
                                          hint: "place a photo on a line of its own by its id: ![](photo-id)", line: Int(cmark_node_get_start_line(child))))
            default:
                let before = tokens.count
                collect(child, run: run, into: &tokens, problems: &problems)
                afterLink = kind == "link" ? before : nil
                continue
            }
            afterLink = nil
        }
    }

    /// Splits a text literal at span brackets: `[` opens, `]{…}` closes; anything else is text.
    private static func split(_ text: String, run: TextRun, line: Int, into tokens: inout [Token]) {
        // Most text has no bracket at all: one run, not rebuilt character by character.
        guard (text.containsByte(UInt8(ascii: "[")) || text.containsByte(UInt8(ascii: "]"))) else {
            if !text.isEmpty { var r = run; r.content = .text(text); tokens.append(.run(r)) }
            return
        }
        var buffer = ""
        var i = text.startIndex
        func flush() { if !buffer.isEmpty { var r = run; r.content = .text(buffer); tokens.append(.run(r)); buffer = "" } }
        while i < text.endIndex {
            let c = text[i]
            if c == "[" {
                flush(); tokens.append(.open)
            } else if c == "]", text[text.index(after: i)...].hasPrefix("{"), let end = text[i...].firstIndex(of: "}") {
                flush()
                tokens.append(.close(String(text[text.index(i, offsetBy: 2)..<end]), line: line))
                i = text.index(after: end)
                continue
            } else {
                buffer.append(c)
            }
            i = text.index(after: i)
        }
        flush()
    }

    /// The `key=value` pairs of a Pandoc attribute block; an unknown key or language is a problem.
    private static func parseAttributes(_ text: String, allowed: Set<String>, line: Int, problems: inout [Unprinted]) -> [String: String] {
        var out: [String: String] = [:]
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let key = parts[0]
            let value = parts.count > 1 ? parts[1].trimmingScalars { $0 == "\"" || $0 == "'" } : ""
            guard allowed.contains(key), !value.isEmpty else {
                problems.append(Unprinted(message: "`{\(text)}`: `\(item)` is not an attribute presskit knows here",
                                          hint: allowed.contains("lang") ? "mark a passage in another language as [words]{lang=en}"
                                                                          : "say the language of a link's target as [words](https://…){hreflang=de}",
                                          line: line))
                continue
            }
            guard isLanguage(value) else {
                problems.append(Unprinted(message: "`\(value)` is not a language code", hint: "write an ISO 639-1 code: en, fr, de, it, el, ar, he…", line: line))
                continue
            }
            out[key] = value
        }
        return out
    }

    /// ISO 639 language codes, for the attributes that name a language.
    static let languageCodes = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// Whether `code` names a language: an ISO 639 code, with or without a region (`en`, `en-GB`).
    static func isLanguage(_ code: String) -> Bool {
        languageCodes.contains((code.split(separator: "-").first.map(String.init) ?? code).lowercased())
    }

    /// Joins neighbouring runs with the same properties.
    static func merge(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs {
            if let lastRun = out.last, case .text(let a) = lastRun.content, case .text(let b) = run.content,
               lastRun.bold == run.bold, lastRun.italic == run.italic, lastRun.link == run.link,
               lastRun.language == run.language, lastRun.linkLanguage == run.linkLanguage {
                out[out.count - 1].content = .text(a + b)
            } else if case .text(let t) = run.content, t.isEmpty {
                continue
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// Escapes what cmark would read as the start of a heading, list, quote, table or code block.
    static func escapeBlockMarkers(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "\n")) else { return escapedLine(Substring(text)) ?? text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escapedLine($0) ?? String($0) }.joined(separator: "\n")
    }

    /// One line of `escapeBlockMarkers`: its block marker escaped (or its indentation of four spaces or
    /// more taken away); nil when it needs neither.
    private static func escapedLine(_ line: Substring) -> String? {
        var s = line
        let trimmed = s.drop(while: { $0 == " " })
        let indent = s.distance(from: s.startIndex, to: trimmed.startIndex)
        if indent >= 4 { s = trimmed }
        let t = s.drop(while: { $0 == " " })
        if let first = t.first {
            if "#->+=|".contains(first) || (first == "*" && t.dropFirst().first == " ") {
                return "\\" + t
            }
            let digits = t.prefix(while: \.isNumber)
            if !digits.isEmpty, let after = t.dropFirst(digits.count).first, after == "." || after == ")" {
                return digits + "\\" + t.dropFirst(digits.count)
            }
        }
        return indent >= 4 ? String(s) : nil
    }
}
