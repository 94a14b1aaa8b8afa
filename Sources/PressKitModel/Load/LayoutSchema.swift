import Foundation

/// The layout file format: page, styles, labels per language, and the blocks bound to data fields.
public enum LayoutSchema {
    static let style: Schema = .object([
        Field("based-on", .string(.identifier), "another style whose settings this one starts from"),
        Field("font", .either(.string(.plain), ThemeSchema.font),
              "a font family (e.g. Inter), or a theme's typeface for a role: $fonts.heading (its family, weight and slant; the style's own weight and italic win)"),
        Field("size", .string(.positiveLength), "e.g. 10pt"),
        Field("leading", .string(.positiveLength), "distance between baselines, e.g. 14pt"),
        Field("weight", .choice(FontWeight.allCases.map(\.rawValue)), "light, regular, medium, semibold or bold (the family must have it)"),
        Field("italic", .boolean),
        Field("color", .string(.color), "#RRGGBB"),
        Field("align", .choice(Alignment.allCases.map(\.rawValue)), "left, right, center or justify"),
        Field("space-before", .string(.nonNegativeLength)),
        Field("space-after", .string(.nonNegativeLength)),
        Field("indent", .string(.nonNegativeLength), "left indent of the whole paragraph"),
        Field("transform", .choice(TextTransform.allCases.map(\.rawValue)), "uppercase, or none"),
        Field("keep-with-next", .boolean, "never end a page after this paragraph"),
        Field("rule-left", .string(.color), "a vertical bar of this colour left of the text (quotes)"),
        Field("tracking", .string(.plain), "letter-spacing in ems, e.g. 0.08em for labels in capitals (ligatures are then not formed)"),
        Field("link-color", .string(.color), "the colour of links' words (default: the text's), e.g. $colors.accent"),
        Field("link-underline", .boolean, "whether web links are underlined (default true)"),
        Field("features", .string(.plain), "OpenType features, comma-separated, e.g. \"tnum\" for tabular figures"),
        Field("small-caps", .boolean, "set lowercase letters as small capitals"),
    ])

    static let blocks: Schema = .list(.recursive { block }, minCount: 0)

    /// One column of a `columns` block.
    static let column: Schema = .object([
        Field("width", .string(.plain), required: true, "a share of the width left once the gutters are taken out, e.g. 60%"),
        Field("blocks", .recursive { blocks }, required: true),
    ])

    static let textBlock: Schema = .object([
        Field("text", .string(.plain), required: true, "text with {field} interpolations and inline Markdown"),
        Field("style", .string(.identifier), "a style name from `styles`"),
        Field("language", .string(.plain), "the language the text is in when it is not the document's, e.g. {quote.said-in}: hyphenated and spaced by its rules"),
    ])

    /// One block of a layout: exactly one key naming its kind.
    public static let block: Schema = .variant([
        Field("paragraph", .either(.string(.plain), textBlock), "a paragraph of text"),
        Field("heading", .either(.string(.plain), .object([
            Field("text", .string(.plain), required: true, "text with {field} interpolations and inline Markdown"),
            Field("style", .string(.identifier), "a style name from `styles`"),
            Field("level", .integer(minimum: 1), "1 (the default), 2 or 3: its place in the outline and the contents"),
            Field("outline", .boolean, "false keeps it out of the outline and the table of contents"),
        ])), "a heading, kept with what follows, listed in the outline"),
        Field("contents", .object([
            Field("style", .string(.identifier), "the entries' style"),
            Field("levels", .integer(minimum: 1), "the deepest heading level listed (default 2)"),
            Field("leaders", .boolean, "dots leading from each title to its page number (default false)"),
        ]), "a table of contents: the headings that follow, with their page numbers, each a link"),
        Field("table", .object([
            Field("each", .string(.plain), required: true, "the data list that gives one row per item"),
            Field("as", .string(.identifier), required: true),
            Field("columns", .list(.object([
                Field("header", .string(.plain), required: true, "the column's heading (repeated on every page)"),
                Field("text", .string(.plain), required: true, "the cell, e.g. {row.name}"),
                Field("width", .string(.plain), required: true, "a share of the width, e.g. 40%"),
            ]), minCount: 1), required: true),
            Field("style", .string(.identifier), "the cells' style"),
            Field("header-style", .string(.identifier)),
            Field("header-fill", .string(.color), "the background of the header row"),
            Field("rule-color", .string(.color), "the rules between rows"),
            Field("stripe-fill", .string(.color), "the background of every other row (shaded rows)"),
        ]), "a table with a header row repeated on each page; rows are never split"),
        Field("markdown", .object([
            Field("text", .string(.plain), required: true, "the field holding the Markdown text, e.g. {section.body}"),
            Field("styles", .object(["paragraph", "heading-2", "heading-3", "list-item", "quote", "pull-quote", "pull-source",
                                     "note", "table-header", "table-cell", "caption"].map {
                Field($0, .string(.identifier), "the style of its \($0.replacingScalars { $0 == "-" ? " " : nil }) (default: the style of that name)")
            }), "the style of each kind of block the text holds"),
            Field("marker", .string(.plain), "the bullet of its lists, e.g. • (default –)"),
            Field("figure-height", .string(.positiveLength), "the height of a photo placed with ![](id) (default 80mm)"),
            Field("header-fill", .string(.color), "the background of its tables' header row"),
            Field("rule-color", .string(.color), "the rules between its tables' rows"),
            Field("stripe-fill", .string(.color), "the background of every other row of its tables"),
        ]), "a Markdown text from the data: paragraphs, ## sub-headings, lists, tables, > quotes, ::: pullquote and ::: note, photos as ![](id)"),
        Field("list", .object([
            Field("each", .string(.plain), required: true, "the data list to go through, e.g. themes"),
            Field("as", .string(.identifier), required: true, "the name each item takes in `text`"),
            Field("where", .string(.plain), "show an item only when this field is present"),
            Field("text", .string(.plain), required: true),
            Field("numbered", .boolean),
            Field("continue", .boolean, "go on numbering from the previous numbered list"),
            Field("marker", .string(.plain), "the bullet, e.g. –"),
            Field("style", .string(.identifier)),
        ]), "a bulleted or numbered list built from a data list"),
        Field("quote", .object([
            Field("text", .string(.plain), required: true),
            Field("attribution", .string(.plain)),
            Field("style", .string(.identifier)),
            Field("attribution-style", .string(.identifier)),
        ]), "a quotation, never parted from its attribution"),
        Field("columns", .either(.list(column, minCount: 1), .object([
            Field("items", .list(column, minCount: 1), required: true, "the columns, first read first"),
            Field("gutter", .string(.nonNegativeLength), "the space between neighbouring columns, e.g. 6mm (default none)"),
            Field("mirrored", .boolean, "true stands the first column on the right, the others to its left (it is still read first)"),
        ])), "blocks side by side: a list of columns, or {items, gutter, mirrored}"),
        Field("image", .object([
            Field("path", .string(.plain), required: true, "a file, or {field} naming one"),
            Field("alt", .string(.plain), "alternative text, or {field} naming it; \"decorative\" for none"),
            Field("height", .string(.positiveLength), required: true, "the image's height (it shrinks if it would be wider than `width`)"),
            Field("width", .string(.widthOrShare), "the widest it may be: a share of the column (default 100%) or a length"),
            Field("align", .choice(["left", "center", "right"])),
            Field("caption", .string(.plain), "text printed under it, kept with it and tagged as its caption (a photo's caption and credit)"),
            Field("caption-style", .string(.identifier), "the caption's style (default: caption)"),
        ]), "a PNG or JPEG image or an SVG logo, scaled with its aspect ratio kept"),
        Field("rule", .object([
            Field("width", .string(.plain), "a length or a share, e.g. 30mm or 100%"),
            Field("thickness", .string(.positiveLength)),
            Field("color", .string(.color)),
            Field("space-before", .string(.length)),
            Field("space-after", .string(.length)),
        ]), "a horizontal line"),
        Field("box", .object([
            Field("blocks", .recursive { blocks }, required: true),
            Field("fill", .string(.color), "the background, e.g. $colors.fill"),
            Field("border", .string(.color), "a border on all four sides in this colour"),
            Field("rule-left", .string(.color), "a rule along the left side in this colour (a group of paragraphs marked as one)"),
            Field("thickness", .string(.positiveLength), "of the border or the rule (default 0.8pt)"),
            Field("padding", .string(.nonNegativeLength), "between the edges and the blocks (default none)"),
        ]), "blocks in a box never split across pages: a fill behind, a border around or a rule along them"),
        Field("spacer", .string(.space), "vertical space: a length, or fill for what is left of the page (what follows stands at its foot)"),
        Field("keep", .recursive { blocks }, "blocks kept together on one page"),
        Field("each", .object([
            Field("in", .string(.plain), required: true),
            Field("as", .string(.identifier), required: true),
            Field("blocks", .recursive { blocks }, required: true),
        ]), "repeat blocks for every item of a data list"),
        Field("if", .object([
            Field("field", .string(.plain), required: true, "shown only when this field is present and not empty"),
            Field("blocks", .recursive { blocks }, required: true),
            Field("else", .recursive { blocks }),
        ]), "blocks shown only when a field is present"),
        Field("include", .object([
            Field("partial", .string(.identifier), required: true, "a file of Layouts/partials/, without .yaml"),
            Field("with", .dictionary(.string(.plain)), "parameters, readable in the partial as {param.NAME}"),
        ]), "a reusable part"),
        Field("page-break", .boolean, "start a new page here (write `page-break: true`)"),
    ])

    static let labels: Schema = .perLanguage(.dictionary(.string(.plain)))

    /// A whole layout file.
    public static let layout: Schema = .object([
        Field("description", .string(.plain), required: true, "one line saying what the document is"),
        Field("page", .object([
            Field("size", .string(.pageSize), "A4 (the default), A3, A5, letter, legal, or WIDTH x HEIGHT such as 170mm x 240mm"),
            Field("margins", .object([
                Field("top", .string(.nonNegativeLength), required: true), Field("right", .string(.nonNegativeLength), required: true),
                Field("bottom", .string(.nonNegativeLength), required: true), Field("left", .string(.nonNegativeLength), required: true),
            ]), required: true),
            Field("footer-gap", .string(.nonNegativeLength), "distance from the text area to the footer"),
            Field("header-gap", .string(.nonNegativeLength), "distance from the running header to the text area"),
            Field("max-pages", .integer(minimum: 1), "the most pages the document may run to: more is an error saying how much is over (a one-page communiqué)"),
            Field("plain-first", .boolean, "the first page (a cover) has no header, footer or page number"),
            Field("first-label", .string(.plain), "the first page's label in PDF viewers, e.g. {label.cover}"),
            Field("bilingual-numbering", .choice(BilingualNumbering.allCases.map(\.rawValue)), "continuous (the default) or restart: page numbers when two languages follow each other in one PDF"),
        ]), required: true),
        Field("styles", .dictionary(style), required: true, "named styles; `body` is the default"),
        Field("labels", labels, "words the layout prints itself, per language"),
        Field("hyphenation", .perLanguage(.list(.string(.plain), minCount: 0)),
              "house hyphenation per language: a word never to break, or one broken only as written (pré-si-dence)"),
        Field("justification", .object([
            Field("hyphen-penalty", .integer(minimum: 0), "the cost of ending a line with a hyphen: 50 by default, higher for fewer hyphens and looser lines, 10000 for none"),
            Field("expansion", .integer(minimum: 0), "how many per cent a justified line's letters may widen or narrow: 2 by default, 0 for none, at most 4"),
        ]), "how justified text is set"),
        Field("fields", .dictionary(.object([
            Field("type", .choice(LayoutField.Kind.allCases.map(\.rawValue)), required: true, "what the value is: text, date, date-time, time, integer, boolean, url, email, phone"),
            Field("required", .boolean, "whether every meeting built with this layout must give it (default false)"),
            Field("description", .string(.plain), required: true, "what to write, for the person who fills the meeting file"),
        ])), "fields of its own the layout reads, given by the meeting file under `fields:` and printed as {fields.NAME}"),
        Field("metadata", .object([
            Field("title", .string(.plain), required: true), Field("subject", .string(.plain)),
            Field("keywords", .string(.plain)),
        ]), "PDF document properties, with {field} interpolations"),
        Field("footer", blocks, "blocks at the foot of every page; {page} and {pages} are the numbers"),
        Field("header", blocks, "blocks at the head of every page (a running header)"),
        Field("body", blocks, required: true, "the document's blocks, in order"),
    ])

    /// A partial: blocks with their own styles and labels, included by layouts.
    public static let partial: Schema = .object([
        Field("description", .string(.plain), required: true),
        Field("params", .dictionary(.string(.plain)), "parameters and what each one is for"),
        Field("styles", .dictionary(style), "styles the partial needs; the layout's own win"),
        Field("labels", labels),
        Field("blocks", blocks, required: true),
    ])
}
