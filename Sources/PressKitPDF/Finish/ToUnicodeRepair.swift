import Foundation
import PressKitModel

/// Cairo 1.16 maps a glyph to the character the font's cmap gives it when it first meets the glyph, so a
/// ligature (ﬃ) or a contextual Arabic letter form (ﻟ) is mapped to a presentation form: copying, search
/// and screen readers then get "diﬃculté". `PDFFinisher` gives each font's ToUnicode CMap to `repair`,
/// which maps each such entry to the letters it stands for (Unicode's compatibility decomposition).
enum ToUnicodeRepair {
    /// Presentation forms: alphabetic (Latin ligatures, Hebrew) and Arabic, both blocks.
    static func isPresentationForm(_ scalar: Unicode.Scalar) -> Bool {
        (0xFB00...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value)
    }

    /// The CMap with every destination holding a presentation form replaced by its letters.
    static func repair(_ cmap: String) -> String {
        var lines: [String] = []
        for line in cmap.split(separator: "\n", omittingEmptySubsequences: false) {
            // bfchar entries: "<glyph> <UTF-16BE destination>"
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasPrefix("<"), parts[1].hasPrefix("<"), parts[1].hasSuffix(">"),
                  let text = utf16(parts[1].dropFirst().dropLast()),
                  text.unicodeScalars.contains(where: isPresentationForm) else { lines.append(String(line)); continue }
            var letters = ""
            for scalar in text.unicodeScalars {
                letters += isPresentationForm(scalar) ? String(scalar).precomposedStringWithCompatibilityMapping : String(scalar)
            }
            lines.append("\(parts[0]) <" + letters.utf16.map { String(format: "%04x", $0) }.joined() + ">")
        }
        return lines.joined(separator: "\n")
    }

    /// The string a CMap destination's hexadecimal UTF-16BE spells.
    static func utf16(_ hex: Substring) -> String? {
        guard hex.count % 4 == 0 else { return nil }
        var units: [UInt16] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 4)
            guard let unit = UInt16(hex[i..<j], radix: 16) else { return nil }
            units.append(unit)
            i = j
        }
        return String(decoding: units, as: UTF16.self)
    }
}
