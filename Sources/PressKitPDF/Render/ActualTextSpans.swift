import Foundation
import PressKitModel

/// Cairo wraps a glyph whose text differs from its font's cmap (a ligature, an Arabic letter form) in a
/// `/Span <</ActualText …>> BDC … EMC` nested in its paragraph's marked content. Once the fonts' ToUnicode
/// maps give the letters (`ToUnicodeRepair`), these spans say nothing more, and poppler (what Linux screen
/// readers and pdfinfo read the structure with) stops reading the paragraph at the first of them. This
/// removes them from the pages' content streams, as new stream objects.
enum ActualTextSpans {
    /// `/Span << /ActualText <hex> >> BDC` … `EMC` around text operators only (no nested marked content).
    nonisolated(unsafe) static let span = try! NSRegularExpression(
        pattern: "/Span << /ActualText <[0-9A-Fa-f]*> >> BDC\\n((?:(?!BDC|EMC)[\\s\\S])*?)EMC\\n")

    /// The new objects (number → body between "N 0 obj" and "endobj") for the page content streams of
    /// `bytes` that hold such spans.
    static func objects(in bytes: [UInt8]) -> [Int: [UInt8]] {
        var out: [Int: [UInt8]] = [:]
        for number in StructurePatch.references("/Contents", in: bytes) {
            // Latin-1 keeps every byte of the stream as one character, so nothing else changes.
            guard let data = ToUnicodeRepair.streamData(number, in: bytes),
                  let content = String(bytes: data, encoding: .isoLatin1), content.contains("/ActualText") else { continue }
            let cleaned = span.stringByReplacingMatches(in: content, range: NSRange(content.startIndex..., in: content), withTemplate: "$1")
            guard cleaned != content, let plain = cleaned.data(using: .isoLatin1) else { continue }
            out[number] = StructurePatch.flateStream([UInt8](plain))
        }
        return out
    }
}
