import Foundation
import PressKitModel

/// Cairo 1.16 maps a glyph to the character the font's cmap gives it when it first meets the glyph, so a
/// ligature (ﬃ) or a contextual Arabic letter form (ﻟ) is mapped to a presentation form: copying, search
/// and screen readers then get "diﬃculté". `GlyphTextMaps` gives each font's ToUnicode CMap to `repair`,
/// which maps each such entry to the letters it stands for (Unicode's compatibility decomposition).
/// CMaps are read as bytes: every font of every finished PDF goes through here.
enum ToUnicodeRepair {
    /// Presentation forms: alphabetic (Latin ligatures, Hebrew) and Arabic, both blocks.
    static func isPresentationForm(_ scalar: Unicode.Scalar) -> Bool { isPresentationForm(scalar.value) }

    static func isPresentationForm(_ value: UInt32) -> Bool { (0xFB00...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value) }

    /// The CMap with every destination holding a presentation form replaced by its letters; nil when it
    /// holds none (most fonts), so nothing is copied.
    static func repair(_ cmap: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0  // bytes of `cmap` before this index are in `out` already
        var start = 0
        while start < cmap.count {
            let end = cmap[start...].firstIndex(of: 0x0A) ?? cmap.count
            if let letters = repairedLine(cmap[start..<end]) {
                if out.isEmpty { out.reserveCapacity(cmap.count + 64) }
                out += cmap[copied..<start]
                out += letters
                copied = end
            }
            start = end + 1
        }
        guard copied > 0 else { return nil }
        out += cmap[copied...]
        return out
    }

    /// A bfchar entry "<glyph> <UTF-16BE destination>" whose destination holds a presentation form, written
    /// again with its letters; nil for any other line.
    private static func repairedLine(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        let parts = line.split(separator: 0x20)
        guard parts.count == 2, parts[0].first == UInt8(ascii: "<"), parts[1].first == UInt8(ascii: "<"), parts[1].last == UInt8(ascii: ">"),
              let units = utf16Units(parts[1].dropFirst().dropLast()), units.contains(where: { isPresentationForm(UInt32($0)) })
        else { return nil }
        let text = String(decoding: units, as: UTF16.self)
        guard text.unicodeScalars.contains(where: isPresentationForm) else { return nil }
        var letters = ""
        for scalar in text.unicodeScalars {
            letters += isPresentationForm(scalar) ? String(scalar).precomposedStringWithCompatibilityMapping : String(scalar)
        }
        var out = Array(parts[0])
        out += " <".utf8
        for unit in letters.utf16 { appendHex(unit, to: &out) }
        out.append(UInt8(ascii: ">"))
        return out
    }

    /// Four lowercase hexadecimal digits.
    static func appendHex(_ unit: UInt16, to out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((unit >> UInt16(shift)) & 0xF)]) }
    }

    /// The UTF-16 code units hexadecimal digits spell, four per unit; nil for anything else.
    static func utf16Units(_ hex: ArraySlice<UInt8>) -> [UInt16]? {
        guard hex.count % 4 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(hex.count / 4)
        var unit: UInt16 = 0
        for (k, byte) in hex.enumerated() {
            guard let digit = hexDigit(byte) else { return nil }
            unit = unit << 4 | UInt16(digit)
            if k % 4 == 3 { units.append(unit); unit = 0 }
        }
        return units
    }

    /// The string a CMap destination's hexadecimal UTF-16BE spells.
    static func utf16(_ hex: ArraySlice<UInt8>) -> String? {
        utf16Units(hex).map { String(decoding: $0, as: UTF16.self) }
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
