import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout

/// What Cairo 1.16 cannot write in a tagged PDF, added afterwards: the document's language (/Lang on the
/// catalog), the language of every element in another language (a side-by-side or two-part PDF), and the
/// alternative text of every figure (/Alt; Cairo ignores `alt=`). An incremental update appends new versions
/// of the changed objects and a cross-reference section pointing back to Cairo's: nothing Cairo wrote moves.
enum StructurePatch {
    /// A structure element as the renderer opened it, in order: its role, language and alternative text.
    struct Element: Equatable {
        var role: StructureRole
        var language: String?
        var alt: String?
    }

    /// `pdf` with the document language and each element's language and alternative text set.
    /// The elements must match Cairo's structure elements one for one (after the root); otherwise only the
    /// catalog's language is set and an error is thrown for the figures, so that no /Alt lands on the wrong image.
    static func apply(to pdf: Data, language: String, elements: [Element]) throws -> Data {
        let bytes = [UInt8](pdf)
        guard let trailerStart = lastIndex(of: "trailer", in: bytes, before: bytes.count),
              let startxref = lastIndex(of: "startxref\n", in: bytes, before: bytes.count) else {
            throw DiagnosticError(.internalFailure("the PDF has no trailer"))
        }
        let previous = Int(string(bytes, startxref + 10, min(bytes.count, startxref + 30)).prefix { $0.isNumber }) ?? 0
        let trailer = string(bytes, trailerStart + 7, startxref)
        func entry(_ key: String) -> String? {
            guard let r = trailer.range(of: "/\(key) ") else { return nil }
            return String(trailer[r.upperBound...].prefix { $0 != "\n" && $0 != "/" && $0 != ">" }).trimmingCharacters(in: .whitespaces)
        }
        guard let size = entry("Size"), let root = entry("Root"), let rootNumber = Int(root.split(separator: " ").first ?? "") else {
            throw DiagnosticError(.internalFailure("the PDF trailer has no /Root"))
        }
        var changed: [Int: String] = [:]  // object number → new dictionary body
        if let catalog = object(rootNumber, in: bytes) {
            changed[rootNumber] = adding("/Lang " + hexString(language), to: catalog)
        }
        // Cairo's structure elements, in the order they were opened (the root Document first).
        let structure = structureElements(in: bytes)
        let roles = structure.map(\.role)
        if roles == [StructureRole.document.rawValue] + elements.map(\.role.rawValue) {
            for (element, found) in zip(elements, structure.dropFirst()) {
                var body = found.body
                if let lang = element.language, lang != language { body = adding("/Lang " + hexString(lang), to: body) }
                if element.role == .figure { body = adding("/Alt " + hexString(element.alt ?? ""), to: body) }
                if body != found.body { changed[found.number] = body }
            }
        } else if elements.contains(where: { $0.role == .figure }) {
            throw DiagnosticError(.internalFailure("the PDF's structure (\(roles.count) elements) does not match what was drawn (\(elements.count + 1)); alternative text not added"))
        }
        var objects = changed.mapValues { Array($0.utf8) }
        let toUnicode = ToUnicodeRepair.objects(in: bytes)
        for (number, body) in toUnicode { objects[number] = body }
        // With letters in ToUnicode, Cairo's ActualText spans around those glyphs are redundant, and harmful.
        if !toUnicode.isEmpty { for (number, body) in ActualTextSpans.objects(in: bytes) { objects[number] = body } }
        guard !objects.isEmpty else { return pdf }
        var update = Data("\n".utf8)
        var offsets: [(Int, Int)] = []
        for number in objects.keys.sorted() {
            offsets.append((number, pdf.count + update.count))
            update.append(Data("\(number) 0 obj\n".utf8))
            update.append(contentsOf: objects[number]!)
            update.append(Data("\nendobj\n".utf8))
        }
        let xref = pdf.count + update.count
        var table = "xref\n"
        for (number, offset) in offsets { table += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(size)\n   /Root \(root)\n"
        if let info = entry("Info") { table += "   /Info \(info)\n" }
        table += "   /Prev \(previous)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        update.append(Data(table.utf8))
        return pdf + update
    }

    // MARK: - Searching the bytes (the PDF is mostly binary: no text conversion of the whole file)

    static func string(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String {
        String(decoding: bytes[max(0, from)..<max(from, to)], as: UTF8.self)
    }

    static func index(of needle: String, in bytes: [UInt8], from: Int) -> Int? {
        let n = Array(needle.utf8)
        guard let first = n.first, from >= 0 else { return nil }
        var i = from
        let last = bytes.count - n.count
        while i <= last {
            if bytes[i] == first, bytes[i..<(i + n.count)].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: String, in bytes: [UInt8], before end: Int) -> Int? {
        let n = Array(needle.utf8)
        var i = end - n.count
        while i >= 0 {
            if bytes[i] == n[0], bytes[i..<(i + n.count)].elementsEqual(n) { return i }
            i -= 1
        }
        return nil
    }

    /// The dictionary of object `number` ("<< … >>"), if it is written plainly.
    static func object(_ number: Int, in bytes: [UInt8]) -> String? {
        guard let body = objectBody(number, in: bytes) else { return nil }
        return body.hasPrefix("<<") ? body : nil
    }

    /// What object `number` holds, between "N 0 obj" and "endobj", as text (not for streams).
    static func objectBody(_ number: Int, in bytes: [UInt8]) -> String? {
        guard let start = index(of: "\n\(number) 0 obj\n", in: bytes, from: 0) else { return nil }
        let bodyStart = start + "\n\(number) 0 obj\n".utf8.count
        guard let end = index(of: "\nendobj", in: bytes, from: bodyStart) else { return nil }
        return string(bytes, bodyStart, end)
    }

    /// Every "N 0 obj << /Type /StructElem /S /Role … >>" in file order.
    static func structureElements(in bytes: [UInt8]) -> [(number: Int, role: String, body: String)] {
        var out: [(Int, String, String)] = []
        let marker = "<< /Type /StructElem\n   /S /"
        var search = 0
        while let found = index(of: marker, in: bytes, from: search) {
            let roleStart = found + marker.utf8.count
            var roleEnd = roleStart
            while roleEnd < bytes.count, bytes[roleEnd] != 10, bytes[roleEnd] != 32 { roleEnd += 1 }
            guard let head = lastIndex(of: " 0 obj\n", in: bytes, before: found + 1),
                  let end = index(of: "\nendobj", in: bytes, from: roleEnd) else { break }
            var lineStart = head
            while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
            if let number = Int(string(bytes, lineStart, head)) {
                out.append((number, string(bytes, roleStart, roleEnd), string(bytes, found, end)))
            }
            search = end
        }
        return out
    }

    /// The object numbers given after `key` ("/ToUnicode 12 0 R"), each once, in order.
    static func references(_ key: String, in bytes: [UInt8]) -> [Int] {
        var numbers: Set<Int> = []
        var search = 0
        while let found = index(of: key + " ", in: bytes, from: search) {
            let start = found + key.utf8.count + 1
            let digits = bytes[start...].prefix { $0 >= 48 && $0 <= 57 }
            if let n = Int(String(decoding: digits, as: UTF8.self)) { numbers.insert(n) }
            search = start
        }
        return numbers.sorted()
    }

    /// The body of a stream object holding `data`, compressed (between "N 0 obj" and "endobj").
    static func flateStream(_ data: [UInt8]) -> [UInt8] {
        let compressed = Flate.deflate(data)
        return Array("<< /Length \(compressed.count) /Filter /FlateDecode >>\nstream\n".utf8) + compressed + Array("\nendstream".utf8)
    }

    /// A dictionary with one more entry, before its closing ">>".
    static func adding(_ entry: String, to dictionary: String) -> String {
        guard let close = dictionary.range(of: ">>", options: .backwards) else { return dictionary }
        return dictionary[..<close.lowerBound] + "   \(entry)\n>>"
    }

    /// A PDF text string in UTF-16BE with a byte-order mark, written in hexadecimal (no escaping needed).
    static func hexString(_ s: String) -> String {
        "<FEFF" + s.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }
}
