// Render: draws laid-out pages with Cairo into PDF or PNG. Knows frames, not documents.
import CCairoPango
import Foundation

/// Draws the items of one page on a Cairo context; in PDFs it also writes structure tags and links.
struct PageDrawer {
    let cr: OpaquePointer
    /// Whether to emit PDF structure tags and link annotations.
    let tagged: Bool
    /// Decoded images, each loaded once per document so Cairo embeds it once.
    var images: ImageCache

    mutating func draw(_ page: Page) throws {
        var openTag: StructureTag?
        func close() { if let t = openTag { cairo_tag_end(cr, t.role); openTag = nil } }
        for item in page.items {
            switch item {
            case .line(let line, let origin, let tag):
                if tagged, openTag?.id != tag.id {
                    close()
                    cairo_tag_begin(cr, tag.role, "")
                    openTag = tag
                }
                guard let set = line.content as? SetLine else { continue }
                cairo_set_source_rgb(cr, set.color.red, set.color.green, set.color.blue)
                // Links are underlined as a whole, spaces included, just below the baseline.
                for link in line.links {
                    let thickness = max(0.4, (line.ascent + line.descent).pt * 0.045)
                    cairo_rectangle(cr, origin.x.pt + link.x.pt, origin.y.pt + line.descent.pt * 0.35, link.width.pt, thickness)
                    cairo_fill(cr)
                }
                for (unit, x) in set.units {
                    guard let pangoLine = unit.line else { continue }
                    cairo_move_to(cr, origin.x.pt + x, origin.y.pt)
                    pango_cairo_show_layout_line(cr, pangoLine)
                }
                if tagged {
                    for link in line.links {
                        let rect = String(format: "rect=[%.2f %.2f %.2f %.2f]", origin.x.pt + link.x.pt, origin.y.pt - line.ascent.pt,
                                          link.width.pt, (line.ascent + line.descent).pt)
                        cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='\(Self.escape(link.target))' \(rect)")
                        cairo_tag_end(cr, CAIRO_TAG_LINK)
                    }
                }
            case .rule(let r, let color):
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_rectangle(cr, r.minX.pt, r.minY.pt, r.size.width.pt, r.size.height.pt)
                cairo_fill(cr)
            case .image(let image, let r):
                close()
                let surface = try images.surface(for: image.file)
                let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
                if tagged { cairo_tag_begin(cr, "Figure", "") }
                cairo_save(cr)
                cairo_rectangle(cr, r.minX.pt, r.minY.pt, r.size.width.pt, r.size.height.pt)
                cairo_clip(cr)
                cairo_translate(cr, r.minX.pt, r.minY.pt)
                cairo_scale(cr, r.size.width.pt / w, r.size.height.pt / h)
                cairo_set_source_surface(cr, surface, 0, 0)
                cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
                cairo_paint(cr)
                cairo_restore(cr)
                if tagged { cairo_tag_end(cr, "Figure") }
            }
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        close()
    }

    /// Escapes a URL for a Cairo tag attribute: quotes and backslashes would end the string or break the PDF.
    static func escape(_ url: String) -> String {
        url.replacingOccurrences(of: "\\", with: "%5C").replacingOccurrences(of: "'", with: "%27")
    }
}
