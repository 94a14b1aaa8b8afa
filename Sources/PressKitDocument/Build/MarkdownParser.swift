import CCmark
import Foundation

/// Parses Markdown with cmark-gfm and its table extension; the caller walks the tree and frees it.
enum MarkdownParser {
    /// The document node of `text`, parsed as CommonMark with GitHub's tables; free it with `cmark_node_free`.
    static func parse(_ text: String) -> OpaquePointer? {
        _ = registerExtensions
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        text.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        return cmark_parser_finish(parser)
    }

    /// cmark-gfm's extensions are registered once per process.
    private static let registerExtensions: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// The node's type name as cmark-gfm gives it: `paragraph`, `table`, `table_cell`…
    static func kind(_ node: OpaquePointer) -> String { String(cString: cmark_node_get_type_string(node)) }

    static func literal(_ node: OpaquePointer) -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    /// The children of a node, in order.
    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child { out.append(c); child = cmark_node_next(c) }
        return out
    }
}
