import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// One lock for the whole process, held while Cairo font faces are made or let go. Cairo 1.16 keeps the
/// faces of one font file in a list it changes without a lock of its own (`_cairo_ft_font_face_create`
/// and `_cairo_ft_font_face_destroy`), and every text context and every document being drawn shares
/// that list for the same file: two threads making the first face of a file at once corrupted it (a
/// crash in Cairo or FreeType, seen once in a few test runs). Faces are made here, under the lock, before
/// the threads use them: each style's fonts are loaded when a paragraph first asks for them
/// (`FontLibrary.prepare`), and the renderer makes and releases its faces under it too.
public enum FontFaceLock {
    public static let lock = NSLock()
}

extension FontLibrary {
    /// Loads, under `FontFaceLock`, the faces the paragraph's runs use (its style's, and bold or italic
    /// where a run is) at its size, with their Cairo fonts, each once per library.
    func prepare(_ paragraph: Paragraph) {
        let style = paragraph.style
        let faces = Set(paragraph.runs.map { run in
            PreparedFace(family: style.font, weight: run.bold && style.weight == .regular ? .bold : style.weight,
                         italic: run.italic || style.italic, size: style.size.pt)
        })
        let wanted = preparedLock.withLock { faces.subtracting(prepared) }
        guard !wanted.isEmpty else { return }
        FontFaceLock.lock.withLock {
            for face in wanted {
                let desc = Self.description(family: face.family, weight: face.weight, italic: face.italic, size: .pt(face.size))
                defer { pango_font_description_free(desc) }
                if let font = pango_font_map_load_font(fontMap, context, desc) {
                    _ = pango_cairo_font_get_scaled_font(OpaquePointer(font))
                    g_object_unref(UnsafeMutableRawPointer(font))
                }
            }
            preparedLock.withLock { prepared.formUnion(wanted) }
        }
    }
}
