import Foundation
import PressKitModel

/// Cairo 1.16 maps a glyph to the character the font's cmap gives it when it first meets the glyph, so a
/// ligature (ﬃ) or a contextual Arabic letter form (ﻟ) is mapped to a presentation form: copying, search
/// and screen readers then get "diﬃculté". This finds the fonts' ToUnicode CMaps and maps each such
/// entry to the letters it stands for (Unicode's compatibility decomposition), as new stream objects.
enum ToUnicodeRepair {
    /// Presentation forms: alphabetic (Latin ligatures, Hebrew) and Arabic, both blocks.
    static func isPresentationForm(_ scalar: Unicode.Scalar) -> Bool {
        (0xFB00...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value)
    }

    /// The new objects (number → the object's body, between "N 0 obj" and "endobj") for the ToUnicode
    /// streams of `bytes` that map a glyph to a presentation form.
    static func objects(in bytes: [UInt8]) -> [Int: [UInt8]] {
        var out: [Int: [UInt8]] = [:]
        for number in StructurePatch.references("/ToUnicode", in: bytes) {
            guard let stream = streamData(number, in: bytes), let cmap = String(bytes: stream, encoding: .ascii) else { continue }
            let repaired = repair(cmap)
            guard repaired != cmap else { continue }
            out[number] = StructurePatch.flateStream(Array(repaired.utf8))
        }
        return out
    }

    /// The decoded data of stream object `number` (Flate or none), if it can be read.
    static func streamData(_ number: Int, in bytes: [UInt8]) -> [UInt8]? {
        let head = "\n\(number) 0 obj\n"
        guard let start = StructurePatch.index(of: head, in: bytes, from: 0),
              let open = StructurePatch.index(of: "stream\n", in: bytes, from: start + head.utf8.count) else { return nil }
        let dictionary = StructurePatch.string(bytes, start + head.utf8.count, open)
        guard let lengthKey = dictionary.range(of: "/Length ") else { return nil }
        let words = dictionary[lengthKey.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "/" || $0 == ">" })
        guard let first = words.first, let value = Int(first) else { return nil }
        var length = value
        if words.count >= 3, words[1] == "0", words[2] == "R" {  // an indirect length, written after the stream
            guard let body = StructurePatch.objectBody(value, in: bytes), let direct = Int(body.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            length = direct
        }
        let dataStart = open + "stream\n".utf8.count
        guard dataStart + length <= bytes.count else { return nil }
        let raw = Array(bytes[dataStart..<(dataStart + length)])
        return dictionary.contains("/FlateDecode") ? Flate.inflate(raw) : raw
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
