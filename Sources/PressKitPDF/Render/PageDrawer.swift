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
        for (k, node) in path.enumerated() where k >= common {
            cairo_tag_begin(cr, node.role.rawValue, "")
            open.append(node)
            log.append(PDFFinisher.Element(role: node.role.rawValue, language: k == path.count - 1 ? language : nil))
        }
    }

    /// Closes every open element (at the end of the document).
    mutating func closeAll() { enter([]) }

    mutating func draw(_ page: Page) throws {
        images.beginPage()
        for item in page.items {
            switch item {
            case .line(let line, let origin, let tag):
                enter(tag.path, language: tag.language)
                cairo_set_source_rgb(cr, line.color.red, line.color.green, line.color.blue)
                // Web links are underlined as a whole, spaces included, just below the baseline.
                for link in line.links where !link.target.hasPrefix("#") {
                    let thickness = max(0.4, (line.ascent + line.descent).pt * 0.045)
                    cairo_rectangle(cr, origin.x.pt + link.x.pt, origin.y.pt + line.descent.pt * 0.35, link.width.pt, thickness)
                    cairo_fill(cr)
                }
                // A heading's first line is a named destination for the outline and the contents' links
                // (named, because Cairo 1.16 resolves names for links to pages not written yet).
                let destination = tagged ? tag.anchor.flatMap { destinations.insert($0).inserted ? $0 : nil } : nil
                if let destination { cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(destination)'") }
                faces.draw(line.runs, at: origin.x.pt, origin.y.pt, on: cr)
                if destination != nil { cairo_tag_end(cr, CAIRO_TAG_DEST) }
                if tagged {
                    for link in line.links {
                        let rect = String(format: "rect=[%.2f %.2f %.2f %.2f]", origin.x.pt + link.x.pt, origin.y.pt - line.ascent.pt,
                                          link.width.pt, (line.ascent + line.descent).pt)
                        let target: String
                        if link.target.hasPrefix("#") {
                            let name = String(link.target.dropFirst())
                            guard anchors[name] != nil, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { continue }
                            target = "dest='\(name)'"
                        } else {
                            target = "uri='\(Self.escape(link.target))'"
                        }
                        cairo_tag_begin(cr, CAIRO_TAG_LINK, "\(target) \(rect)")
                        cairo_tag_end(cr, CAIRO_TAG_LINK)
                        log.append(PDFFinisher.Element(role: StructureRole.link.rawValue, linkText: Self.text(of: line, from: link.x, to: link.x + link.width)))
                    }
                }
            case .rule(let r, let color, _):
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_rectangle(cr, r.minX.pt, r.minY.pt, r.size.width.pt, r.size.height.pt)
                cairo_fill(cr)
            case .image(let image, let r):
                enter([])
                if tagged {
                    cairo_tag_begin(cr, StructureRole.figure.rawValue, "")
                    log.append(PDFFinisher.Element(role: StructureRole.figure.rawValue, alt: image.alt))
                }
                if let mark = image.mark { images.places[image.file] = (mark, image.field) }
                try images.draw(image, in: r, on: cr)
                if tagged { cairo_tag_end(cr, StructureRole.figure.rawValue) }
            }
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
    }

    /// Draws `line` diagonally across the page, centred, in its own colour (a draft's "PROJET"), outside
    /// any structure element but the document.
    mutating func drawWatermark(_ line: ShapedLine, on page: Size) {
        enter([])
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
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Escapes a URL for a Cairo tag attribute: quotes and backslashes would end the string or break the PDF.
    static func escape(_ url: String) -> String {
        url.replacingOccurrences(of: "\\", with: "%5C").replacingOccurrences(of: "'", with: "%27")
    }
}
