import CCmark
import Foundation
import PressKitModel

/// Parses inline Markdown (emphasis, strong, links, hard breaks) with cmark into text runs.
public enum InlineMarkdown {
    /// Runs of `markdown`; block syntax (a leading `-`, `#`, `1.`) is kept as text.
    public static func runs(_ markdown: String) -> [TextRun] {
        let source = escapeBlockMarkers(markdown)
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
            collect(b, bold: false, italic: false, link: nil, into: &runs)
            block = cmark_node_next(b)
        }
        return merge(runs)
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
