import Foundation

/// What Cairo 1.16 cannot write in a tagged PDF, added afterwards: the document's language (/Lang on the
/// catalog), the language of every element in another language (a side-by-side or two-part PDF), and the
/// alternative text of every figure (/Alt; Cairo ignores `alt=`). An incremental update appends new versions
/// of the changed objects and a cross-reference section pointing back to Cairo's: nothing Cairo wrote moves.
enum StructurePatch {
    /// A structure element as the renderer opened it, in order: its role, language and alternative text.
    struct Element: Equatable {
        var role: String
        var language: String?
        var alt: String?
    }

    /// `pdf` with the document language and each element's language and alternative text set.
    /// The elements must match Cairo's structure elements one for one (after the root); otherwise only the
    /// catalog's language is set and an error is thrown for the figures, so that no /Alt lands on the wrong image.
    static func apply(to pdf: Data, language: String, elements: [Element]) throws -> Data {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let trailerStart = text.range(of: "trailer", options: .backwards),
              let startxref = text.range(of: "startxref\n", options: .backwards),
              let previous = Int(text[startxref.upperBound...].prefix { $0.isNumber }) else {
            throw FlowError(message: "the PDF has no trailer")
        }
        let trailer = String(text[trailerStart.upperBound..<startxref.lowerBound])
        func entry(_ key: String) -> String? {
            guard let r = trailer.range(of: "/\(key) ") else { return nil }
            return String(trailer[r.upperBound...].prefix { $0 != "\n" && $0 != "/" && $0 != ">" }).trimmingCharacters(in: .whitespaces)
        }
        guard let size = entry("Size"), let root = entry("Root"), let rootNumber = Int(root.split(separator: " ").first ?? "") else {
            throw FlowError(message: "the PDF trailer has no /Root")
        }
        var changed: [Int: String] = [:]  // object number → new dictionary body
        if let catalog = object(rootNumber, in: text) {
            changed[rootNumber] = adding("/Lang " + hexString(language), to: catalog)
        }
        // Cairo's structure elements, in the order they were opened (the root Document first).
        let structure = structureElements(in: text)
        let roles = structure.map(\.role)
        if roles == ["Document"] + elements.map(\.role) {
            for (element, found) in zip(elements, structure.dropFirst()) {
                var body = found.body
                if let lang = element.language, lang != language { body = adding("/Lang " + hexString(lang), to: body) }
                if element.role == "Figure" { body = adding("/Alt " + hexString(element.alt ?? ""), to: body) }
                if body != found.body { changed[found.number] = body }
            }
        } else if elements.contains(where: { $0.role == "Figure" }) {
            throw FlowError(message: "the PDF's structure (\(roles.count) elements) does not match what was drawn (\(elements.count + 1)); alternative text not added")
        }
        guard !changed.isEmpty else { return pdf }
        var update = Data("\n".utf8)
        var offsets: [(Int, Int)] = []
        for number in changed.keys.sorted() {
            offsets.append((number, pdf.count + update.count))
            update.append(Data("\(number) 0 obj\n\(changed[number]!)\nendobj\n".utf8))
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

    /// The dictionary of object `number` ("<< … >>"), if it is written plainly.
    static func object(_ number: Int, in text: String) -> String? {
        guard let start = text.range(of: "\n\(number) 0 obj\n"),
              let end = text.range(of: "\nendobj", range: start.upperBound..<text.endIndex) else { return nil }
        let body = String(text[start.upperBound..<end.lowerBound])
        return body.hasPrefix("<<") ? body : nil
    }

    /// Every "N 0 obj << /Type /StructElem /S /Role … >>" in file order.
    static func structureElements(in text: String) -> [(number: Int, role: String, body: String)] {
        var out: [(Int, String, String)] = []
        var search = text.startIndex
        while let found = text.range(of: "<< /Type /StructElem\n   /S /", range: search..<text.endIndex) {
            let role = String(text[found.upperBound...].prefix { $0 != "\n" && $0 != " " })
            guard let head = text.range(of: " 0 obj\n", options: .backwards, range: text.startIndex..<found.lowerBound),
                  let end = text.range(of: "\nendobj", range: found.upperBound..<text.endIndex) else { break }
            var lineStart = head.lowerBound
            while lineStart > text.startIndex, text[text.index(before: lineStart)] != "\n" { lineStart = text.index(before: lineStart) }
            if let number = Int(text[lineStart..<head.lowerBound]) {
                out.append((number, role, String(text[found.lowerBound..<end.lowerBound])))
            }
            search = end.upperBound
        }
        return out
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
