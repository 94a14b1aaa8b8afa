// Render: draws laid-out pages with Cairo into PDF or PNG. Knows frames, not documents.
import CCairo
import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout

/// Draws the items of pages on a Cairo context; in PDFs it also writes the structure tree (nested
/// elements kept open across pages, so a list or a table that runs on stays one element) and links.
struct PageDrawer {
    let cr: OpaquePointer
    /// Whether to emit PDF structure tags and link annotations.
    let tagged: Bool
    /// Decoded images, each loaded once per document so Cairo embeds it once.
    var images: ImageCache
    /// Font faces, each loaded once per document so Cairo embeds each font once.
    let faces = FontFaces()
    /// Where headings landed, for internal links ("#anchor").
    var anchors: [String: (page: Int, y: Length)] = [:]
    /// The structure elements open now, outermost first.
    private var open: [StructureNode] = []
    /// Anchors whose destination has been written.
    private var destinations: Set<String> = []
    /// Every structure element opened, in order, with its language and alternative text.
    private(set) var log: [PDFFinisher.Element] = []

    init(cr: OpaquePointer, tagged: Bool, images: ImageCache, anchors: [String: (page: Int, y: Length)] = [:]) {
        self.cr = cr; self.tagged = tagged; self.images = images; self.anchors = anchors
        // Outlines as designed, at the positions the shaper measured: no hinting of shapes or advances.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    /// Opens and closes structure elements so that exactly `path` is open.
    mutating func enter(_ path: [StructureNode], language: String? = nil) {
        guard tagged else { return }
        var common = 0
        while common < min(open.count, path.count), open[common] == path[common] { common += 1 }
        while open.count > common { cairo_tag_end(cr, open.removeLast().role.rawValue) }
        for node in path[common...] {
            cairo_tag_begin(cr, node.role.rawValue, "")
            open.append(node)
            // An element closed before (at a page's artifacts, or by the other language side by side) and
            // opened again is its continuation: the finisher joins the two into one.
            var element = PDFFinisher.Element(role: node.role.rawValue, language: language)
            element.continues = opened[node.id]
            if opened[node.id] == nil { opened[node.id] = log.count }
            log.append(element)
        }
    }

    /// The log index of the first element opened for each node.
    private var opened: [Int: Int] = [:]

    /// Closes every open element (at the end of the document).
    mutating func closeAll() { enter([]) }

    /// The paragraphs (by element id) with a link or a passage in another language in any of their lines:
    /// drawn as Span and Link elements.
    var linked: Set<Int> = []

    /// The element the last line was drawn in: Cairo marks content only in a leaf, which must be closed
    /// before an artifact is opened beside it.
    private var leaf: StructureNode?

    /// Closes the element the last line was drawn in, if it is still open (containers stay open).
    mutating func closeLeaf() {
        guard tagged, let leaf, open.last == leaf else { return }
        enter(Array(open.dropLast()))
    }

    /// Opens an artifact of `kind` (Pagination, Layout, Watermark): Cairo 1.16 has no artifact tag and
    /// refuses names that are not standard structure types, so it is a `Private` element (a type presskit
    /// uses for nothing else) that `PDFFinisher` takes out of the tree, retyping its marked content
    /// `/Artifact <</Type /<kind>>>`.
    mutating func beginArtifact(_ kind: String) {
        guard tagged else { return }
        cairo_tag_begin(cr, PDFFinisher.artifactTag, "")
        log.append(PDFFinisher.Element(role: "Artifact" + kind))
    }

    func endArtifact(_ kind: String) { if tagged { cairo_tag_end(cr, PDFFinisher.artifactTag) } }

    /// Whether a page item is an artifact: a rule or fill, or a line repeated from page to page.
    static func isArtifact(_ item: FrameItem) -> Bool {
        switch item {
        case .rule: return true
        case .line(_, _, let tag): return tag.running
        case .image: return false
        }
    }

    /// Draws `page`; `gathered`, its lines gathered beforehand (`PageGathering`), else gathered now: which
    /// lines are drawn whole, and how their ends copy, is decided there alone.
    mutating func draw(_ page: Page, gathered: GatheredText? = nil) throws {
        images.beginPage()
        let gathered = gathered ?? PageGathering.gather(page, linked: linked)
        // Artifacts first, under the text: rules and fills, running headers and footers, repeated header rows.
        // Those of one kind drawn one after the other share one artifact (a table's hundred rules are one
        // marked-content sequence, not a hundred elements for the finisher to take out of the tree).
        let artifacts = page.items.indices.filter { Self.isArtifact(page.items[$0]) }
        if !artifacts.isEmpty { closeLeaf() }
        var open: String?
        for index in artifacts {
            let item = page.items[index]
            let kind: String
            switch item {
            case .rule: kind = "Layout"
            case .line: kind = "Pagination"
            case .image: continue
            }
            if open != kind {
                if let open { endArtifact(open) }
                beginArtifact(kind)
                open = kind
            }
            switch item {
            case .rule(let r, let color, _):
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_rectangle(cr, r.minX.pt, r.minY.pt, r.size.width.pt, r.size.height.pt)
                cairo_fill(cr)
            case .line(let line, _, _):
                cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
                if let shows = gathered.byItem[index] { faces.show(gathered, shows, on: cr) }
            case .image: break
            }
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        if let open { endArtifact(open) }
        for index in page.items.indices where !Self.isArtifact(page.items[index]) {
            switch page.items[index] {
            case .line(let line, let origin, let tag):
                enter(tag.path, language: tag.language)
                leaf = tag.path.last
                cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
                // A heading's first line is a named destination for the outline and the contents' links
                // (named, because Cairo 1.16 resolves names for links to pages not written yet).
                let destination = tagged ? tag.anchor.flatMap { destinations.insert($0).inserted ? $0 : nil } : nil
                if let destination { cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(destination)'") }
                if linked.contains(tag.id) {
                    drawLinked(line, at: origin)
                    leaf = nil  // its element holds Span and Link elements now, closed
                } else if let shows = gathered.byItem[index] {
                    faces.show(gathered, shows, on: cr)
                }
                if destination != nil { cairo_tag_end(cr, CAIRO_TAG_DEST) }
            case .rule: break  // drawn above, as artifacts
            case .image(let image, let r):
                enter([])
                if tagged {
                    cairo_tag_begin(cr, StructureRole.figure.rawValue, "")
                    log.append(PDFFinisher.Element(role: StructureRole.figure.rawValue, language: image.language, alt: image.alt))
                }
                if let mark = image.mark { images.places[image.file] = (mark, image.field) }
                try images.draw(image, in: r, on: cr)
                if tagged { cairo_tag_end(cr, StructureRole.figure.rawValue) }
            }
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        // A leaf left open would begin an empty marked-content sequence at the top of the next page.
        closeLeaf()
    }

    /// Draws a line of a paragraph that holds links or passages in another language: Cairo 1.16 marks
    /// content only in leaf elements, so the link text goes in its `Link` (with its annotation) and the rest
    /// of the line in `Span` elements, a passage in another language in a `Span` of its own with its /Lang.
    mutating func drawLinked(_ line: ShapedLine, at origin: Point) {
        func link(at run: GlyphRun) -> Int? {
            let middle = run.x + run.advance * 0.5
            return line.links.firstIndex { middle >= $0.x && middle <= $0.x + $0.width && target($0.target) != nil }
        }
        // A run a link starts or ends inside (a word and the comma after the link) is cut at the link's edges.
        var runs = line.runs
        for l in line.links where target(l.target) != nil {
            for edge in [l.x, l.x + l.width] {
                guard let i = runs.firstIndex(where: { $0.x < edge - .pt(0.01) && $0.x + $0.advance > edge + .pt(0.01) }),
                      let (a, b) = runs[i].split(at: edge) else { continue }
                runs.replaceSubrange(i...i, with: [a, b])
            }
        }
        var line = line
        line.runs = runs
        var k = 0
        while k < line.runs.count {
            let index = link(at: line.runs[k]), language = line.runs[k].language
            var j = k + 1
            while j < line.runs.count, link(at: line.runs[j]) == index, line.runs[j].language == language { j += 1 }
            let group = Array(line.runs[k..<j])
            if let index, let target = target(line.links[index].target) {
                let l = line.links[index]
                let rect = String(printf: "rect=[%.2f %.2f %.2f %.2f]", origin.x.pt + l.x.pt, origin.y.pt - line.ascent.pt,
                                  l.width.pt, (line.ascent + line.descent).pt)
                if tagged { cairo_tag_begin(cr, CAIRO_TAG_LINK, "\(target) \(rect)") }
                log.append(PDFFinisher.Element(role: StructureRole.link.rawValue, language: language, linkText: Self.text(of: line, from: l.x, to: l.x + l.width)))
                let colour = line.linkColor ?? line.color
                cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
                faces.draw(group, at: origin.x.pt, origin.y.pt, on: cr)
                if tagged { cairo_tag_end(cr, CAIRO_TAG_LINK) }
                // Web links are underlined as a whole, spaces included, just below the baseline: decoration.
                if !l.target.hasPrefix("#"), line.linkUnderline {
                    beginArtifact("Layout")
                    let thickness = max(0.4, (line.ascent + line.descent).pt * 0.045)
                    cairo_rectangle(cr, origin.x.pt + l.x.pt, origin.y.pt + line.descent.pt * 0.35, l.width.pt, thickness)
                    cairo_fill(cr)
                    endArtifact("Layout")
                }
                cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
            } else {
                if tagged { cairo_tag_begin(cr, StructureRole.span.rawValue, "") }
                // A passage in another language is a Span with its /Lang.
                log.append(PDFFinisher.Element(role: StructureRole.span.rawValue, language: language))
                faces.draw(group, at: origin.x.pt, origin.y.pt, on: cr,
                           end: j < line.runs.count ? .none : line.hyphenated ? .hyphenated : .plain)
                if tagged { cairo_tag_end(cr, StructureRole.span.rawValue) }
            }
            k = j
        }
    }

    /// A link target as Cairo's attribute: a named destination that exists, or a URI; nil for neither.
    func target(_ link: String) -> String? {
        if link.hasPrefix("#") {
            let name = String(link.dropFirst())
            guard anchors[name] != nil, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
            return "dest='\(name)'"
        }
        return "uri='\(Self.escape(link))'"
    }

    /// Draws `line` diagonally across the page, centred, in its own colour (a draft's "PROJET"), outside
    /// any structure element but the document.
    mutating func drawWatermark(_ line: ShapedLine, on page: Size) {
        closeLeaf()
        beginArtifact("Watermark")
        drawRotated(line, on: page)
        endArtifact("Watermark")
    }

    private func drawRotated(_ line: ShapedLine, on page: Size) {
        cairo_save(cr)
        cairo_translate(cr, page.width.pt / 2, page.height.pt / 2)
        // Rising from bottom left to top right (Cairo's y axis points down).
        cairo_rotate(cr, -atan2(page.height.pt, page.width.pt) * 0.82)
        cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
        faces.draw(line.runs, at: -line.width.pt / 2, (line.ascent.pt - line.descent.pt) / 2, on: cr)
        cairo_restore(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    /// The words of a line between two positions: a link's text, for its annotation.
    static func text(of line: ShapedLine, from x0: Length, to x1: Length) -> String {
        var out = ""
        for run in line.runs {
            for box in run.clusterBoxes where (box.from + box.to).pt / 2 >= x0.pt && (box.from + box.to).pt / 2 <= x1.pt { out += box.text }
        }
        return out.trimmingBlanks()
    }

    /// Escapes a URL for a Cairo tag attribute: quotes and backslashes would end the string or break the PDF.
    static func escape(_ url: String) -> String {
        url.replacingScalars { $0 == "\\" ? "%5C" : $0 == "'" ? "%27" : nil }
    }
}
