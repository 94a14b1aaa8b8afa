import Foundation
import PressKitModel

/// A paragraph: styled runs in one language, and the data field it came from (for messages).
/// A field of the data printed in a paragraph: its path in the meeting file, its place and its text.
public struct FieldSource: Sendable, Hashable {
    public var path: String
    public var mark: SourceMark
    public var text: String
}

/// A paragraph: see its fields.
public struct Paragraph: Sendable, Hashable {
    public var runs: [TextRun]
    public var style: ParagraphStyle
    public var language: String
    /// Field path or layout place it came from, e.g. `lead` or `communique.yaml:40`.
    public var origin: String
    /// Structure role in the tagged PDF: P, H1, H2, LI, Quote…
    public var role: StructureRole
    /// Where the text came from (the data field when the text is one field, else the layout), for messages.
    public var mark: SourceMark?
    /// The data field path (or layout place) the text came from.
    public var field = ""
    /// For a heading: its anchor for the outline and the table of contents.
    public var anchor: String?
    /// The data fields whose text the paragraph prints, each at its place in the meeting file, so a
    /// problem found in the text later (a character no font has) is named at the field that holds it.
    public var sources: [FieldSource] = []
    /// Personal names the paragraph prints ("Jean-Yves Le Drian"): never broken inside, hyphens included.
    public var names: [String] = []
    /// Its first lines shortened to leave room for a figure beside them (TeX's hanging indentation):
    /// set by the layout engine, which alone knows how many lines the figure is tall.
    public var hang: Hang?

    public init(runs: [TextRun], style: ParagraphStyle, language: String, origin: String = "", role: StructureRole = .paragraph) {
        self.runs = runs; self.style = style; self.language = language; self.origin = origin; self.role = role
    }

    /// Plain text of the paragraph.
    public var text: String { runs.map(\.text).joined() }
}

/// The first `lines` lines of a paragraph shortened by `width`, on the `side` a figure stands.
public struct Hang: Sendable, Hashable {
    public enum Side: String, Sendable { case left, right }
    public var lines: Int
    public var width: Length
    public var side: Side
    public init(lines: Int, width: Length, side: Side) { self.lines = lines; self.width = width; self.side = side }
}

/// A photo standing beside the paragraphs that follow it, on one side of the column, the text flowing
/// around it and back to the full width below it; its caption and credit under it.
public struct FloatingFigure: Sendable {
    public var image: ImageBlock
    public var caption: Paragraph?
    public var side: Hang.Side
    /// Its width as a share of the column.
    public var fraction: Double
    /// The blocks that flow around it (paragraphs; the first ones take the narrowed lines).
    public var blocks: [Block]
    public init(image: ImageBlock, caption: Paragraph?, side: Hang.Side, fraction: Double, blocks: [Block]) {
        self.image = image; self.caption = caption; self.side = side; self.fraction = fraction; self.blocks = blocks
    }
}

/// One column of a `columns` block: a share of the width and its blocks.
public struct Column: Sendable {
    public var fraction: Double
    public var blocks: [Block]
    public init(fraction: Double, blocks: [Block]) { self.fraction = fraction; self.blocks = blocks }
}

/// Columns side by side: their shares of the width left once the gutters are taken out.
public struct ColumnSet: Sendable {
    public var columns: [Column]
    /// The space between neighbouring columns.
    public var gutter: Length = .zero
    /// Whether the first column stands on the right, the others to its left (it is read first all the same):
    /// a masthead with its issuers on the right.
    public var mirrored = false
    public init(_ columns: [Column], gutter: Length = .zero, mirrored: Bool = false) {
        self.columns = columns; self.gutter = gutter; self.mirrored = mirrored
    }

    /// The same set with each column's blocks changed by `change`.
    public func mapBlocks(_ change: ([Block]) -> [Block]) -> ColumnSet {
        var copy = self
        copy.columns = columns.map { Column(fraction: $0.fraction, blocks: change($0.blocks)) }
        return copy
    }
}

/// An image file to place, scaled to fit its box with its aspect ratio kept.
public struct ImageBlock: Sendable {
    public var file: URL
    public var kind: ImageKind = .png
    public var pixelWidth: Int, pixelHeight: Int
    public var height: Length
    /// The widest the image may be, as a share of the column (photos fill it; logos keep their height).
    public var maximumWidth = 1.0
    /// The widest the image may be as a length (`width: 50mm`), besides the share of the column.
    public var widest: Length?
    public var align: Alignment
    public var description: String
    /// Alternative text for readers who cannot see it; nil for a decorative image.
    public var alt: String?
    /// Where the image was named (the data field, else the layout), and its field path.
    public var mark: SourceMark?
    public var field = ""
    /// The language of the document it is in (its alternative text's): side by side, its figure is read
    /// in that language's section.
    public var language: String?

    public init(file: URL, kind: ImageKind = .png, pixelWidth: Int, pixelHeight: Int, height: Length, align: Alignment,
                description: String, alt: String? = nil) {
        self.file = file; self.kind = kind; self.pixelWidth = pixelWidth; self.pixelHeight = pixelHeight
        self.height = height; self.align = align; self.description = description; self.alt = alt
    }
}

/// A horizontal line.
public struct RuleBlock: Sendable {
    public var width: Length?
    public var fraction: Double
    public var thickness: Length
    public var color: RGB
    public var spaceBefore: Length, spaceAfter: Length
    /// Where the layout asks for the rule.
    public var mark: SourceMark?
}

/// One block of a Document, what the layout engine places.
public indirect enum Block: Sendable {
    case paragraph(Paragraph)
    /// A list: a marker ("–", "1.") per item and the item's text.
    case list(items: [(marker: String, paragraph: Paragraph)], indent: Length)
    /// A quotation with its attribution, placed on one page together.
    case quote(Paragraph, attribution: Paragraph?)
    case columns(ColumnSet)
    case image(ImageBlock)
    case rule(RuleBlock)
    case spacer(Length)
    /// Space that takes what is left of the page (`spacer: fill`): the blocks after it on the page stand at
    /// its foot (a cover's date and logos, a letter's signature).
    case fill
    /// Blocks that must not be split across pages.
    case keepTogether([Block])
    case pageBreak
    /// A table of contents: one entry per heading, with its page number and a link to it.
    case tableOfContents(entries: [(paragraph: Paragraph, anchor: String, level: Int)])
    case table(Table)
    /// A photo with the text flowing around it.
    case floating(FloatingFigure)
    /// Blocks kept together in a box: a fill behind them, a border around or a rule along them.
    case box(Box)
}

/// A group of blocks set in a box, never split across pages: a shaded contacts box, a note framed by a
/// border, a quotation with a rule along its left side.
public struct Box: Sendable {
    public var blocks: [Block]
    /// The background, or none.
    public var fill: RGB?
    /// The colour of a border on all four sides, or none.
    public var border: RGB?
    /// The colour of a rule along the left side only, or none.
    public var ruleLeft: RGB?
    /// The thickness of the border or the rule.
    public var thickness: Length = .pt(0.8)
    /// The space between the box's edges and its blocks.
    public var padding: Length = .zero
    /// Where the layout asks for the box.
    public var mark: SourceMark?
    public init(blocks: [Block]) { self.blocks = blocks }
}

/// A table: column shares, a header row repeated on every page it spans, body rows never split.
public struct Table: Sendable {
    public var columns: [Double]
    public var header: [Paragraph]
    public var rows: [[Paragraph]]
    /// Colour of the header's background and of the rules between rows.
    public var headerFill: RGB
    public var ruleColor: RGB
    /// The background of every other body row (the second, fourth…), or none.
    public var stripeFill: RGB?
    public var padding: Length
    /// Where the layout asks for the table.
    public var mark: SourceMark?
    public init(columns: [Double], header: [Paragraph], rows: [[Paragraph]], headerFill: RGB, ruleColor: RGB, padding: Length) {
        self.columns = columns; self.header = header; self.rows = rows
        self.headerFill = headerFill; self.ruleColor = ruleColor; self.padding = padding
    }
}

/// Document properties for the PDF's information dictionary.
public struct DocumentInfo: Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    public var language: String
    public var creator = "presskit"
}

/// The page size and margins, and the gap between the text area and the footer.
public struct PageTemplate: Sendable {
    public var size: Size
    public var margins: Sides<Length>
    public var footerGap: Length
    /// Distance from the top of the text area up to the running header's baseline area.
    public var headerGap = Length.mm(8)
    /// Whether the first page (a cover) has no running header, footer or page number.
    public var plainFirstPage = false
    /// The page label of a plain first page ("Couverture", "Cover").
    public var firstPageLabel = ""
    /// In a PDF with two languages one after the other: whether page numbers run on (else they restart).
    public var continuousNumbering = true
    /// The most pages the document may have (`page: {max-pages: 1}`), and where the layout says so.
    public var maximumPages: (count: Int, mark: SourceMark)?

    public init(size: Size, margins: Sides<Length>, footerGap: Length) {
        self.size = size; self.margins = margins; self.footerGap = footerGap
    }

    /// The rectangle text flows into.
    public var textArea: Rect {
        Rect(x: margins.left, y: margins.top, width: size.width - margins.left - margins.right,
             height: size.height - margins.top - margins.bottom)
    }
}

/// What the build stage hands to the layout engine: blocks, footer, page geometry and properties.
public struct Document: Sendable {
    public var info: DocumentInfo
    public var page: PageTemplate
    public var blocks: [Block]
    /// Blocks set at the foot of every page, with page-number fields.
    public var footer: [Block]
    /// Blocks set at the head of every page (a running header).
    public var header: [Block] = []
    /// The headings in reading order, for the outline.
    public var outline: [OutlineEntry] = []
    /// A word printed diagonally across every page ("PROJET", "DRAFT") while the release is a draft.
    public var watermark: Paragraph?
    /// The layout file the document was built from: where problems with no finer place are reported.
    public var source: SourceMark?
    /// House hyphenation per language: lowercase word → allowed break positions (empty: never).
    public var hyphenation: [String: [String: [Int]]] = [:]
    /// How the layout's justified text is set (hyphen penalty, font expansion).
    public var justification = Justification()
}
