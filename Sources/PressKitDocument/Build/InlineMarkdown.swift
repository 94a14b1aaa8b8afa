import CCmark
import Foundation
import PressKitModel

/// Parses inline Markdown (emphasis, strong, links, hard breaks) with cmark into text runs.
public enum InlineMarkdown {
    /// What a text holds that would not be printed, and what to write instead.
    public struct Unprinted: Error, Equatable, Sendable {
        public var message: String
        public var hint: String
    }

    /// Runs of `markdown`; block syntax (a leading `-`, `#`, `1.`) is kept as text. What cmark would read
    /// as something no text prints (an HTML block, a code block, a rule, a link reference definition) is
    /// reported through `unprinted`, never dropped in silence.
    public static func runs(_ markdown: String, unprinted: ((Unprinted) -> Void)? = nil) -> [TextRun] {
        let source = escapeBlockMarkers(markdown)
        for line in source.split(separator: "\n") where line.prefix(while: { $0 == " " }).count < 4 {
            let t = line.drop(while: { $0 == " " })
            if t.hasPrefix("["), let close = t.firstIndex(of: "]"), t[t.index(after: close)...].hasPrefix(":") {
                unprinted?(Unprinted(message: "a link reference definition (“\(t.prefix(40))”) is not printed",
                                     hint: "write the link where it is used: [words](https://…)"))
            }
        }
        guard let document = source.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return [TextRun(markdown)]
        }
        defer { cmark_node_free(document) }
        var runs: [TextRun] = []
        var block = cmark_node_first_child(document)
        var firstBlock = true
        while let b = block {
            if !firstBlock { runs.append(TextRun("\n")) }
            firstBlock = false
            if cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH {
                collect(b, bold: false, italic: false, link: nil, into: &runs)
            } else {
                unprinted?(describe(b))
            }
            block = cmark_node_next(b)
        }
        return merge(runs)
    }

    /// What a block other than a paragraph is, for the error that names it.
    private static func describe(_ block: OpaquePointer) -> Unprinted {
        let literal = cmark_node_get_literal(block).map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let shown = literal.isEmpty ? "" : " (“\(literal.prefix(40))”)"
        let markup = "a text holds words with **bold**, *italic* and [links](https://…)"
        switch cmark_node_get_type(block) {
        case CMARK_NODE_HTML_BLOCK: return Unprinted(message: "an HTML block\(shown) is not printed", hint: "write it without HTML tags: \(markup)")
        case CMARK_NODE_CODE_BLOCK: return Unprinted(message: "a code block\(shown) is not printed", hint: "write it as words, without ``` or an indent of four spaces: \(markup)")
        case CMARK_NODE_THEMATIC_BREAK: return Unprinted(message: "a horizontal rule (---, ***) is not printed in a text", hint: "a layout draws rules with a `rule` block")
        default: return Unprinted(message: "a Markdown \(String(cString: cmark_node_get_type_string(block))) is not printed here", hint: markup)
        }
    }

    private static func collect(_ node: OpaquePointer, bold: Bool, italic: Bool, link: String?, into runs: inout [TextRun]) {
        let literal = { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            runs.append(TextRun(literal(), bold: bold, italic: italic, link: link))
            return
        case CMARK_NODE_SOFTBREAK:
            runs.append(TextRun(" ", bold: bold, italic: italic, link: link))
            return
        case CMARK_NODE_LINEBREAK:
            runs.append(TextRun("\u{2028}", bold: bold, italic: italic, link: link))
            return
        default: break
        }
        var bold = bold, italic = italic, link = link
        switch cmark_node_get_type(node) {
        case CMARK_NODE_STRONG: bold = true
        case CMARK_NODE_EMPH: italic = true
        case CMARK_NODE_LINK: link = cmark_node_get_url(node).map { String(cString: $0) }
        default: break
        }
        var child = cmark_node_first_child(node)
        while let c = child {
            collect(c, bold: bold, italic: italic, link: link, into: &runs)
            child = cmark_node_next(c)
        }
    }

    /// Joins neighbouring runs with the same properties.
    static func merge(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs {
            if let lastRun = out.last, case .text(let a) = lastRun.content, case .text(let b) = run.content,
               lastRun.bold == run.bold, lastRun.italic == run.italic, lastRun.link == run.link {
                out[out.count - 1].content = .text(a + b)
            } else if case .text(let t) = run.content, t.isEmpty {
                continue
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// Escapes what cmark would read as the start of a heading, list, quote or code block.
    static func escapeBlockMarkers(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            let trimmed = s.drop(while: { $0 == " " })
            let indent = s.count - trimmed.count
            if indent >= 4 { s = String(trimmed) }
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
            return s
        }.joined(separator: "\n")
    }
}
