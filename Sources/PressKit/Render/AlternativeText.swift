import Foundation

/// Adds each figure's alternative text (/Alt) to a PDF written by Cairo 1.16, which ignores `alt=`:
/// an incremental update appends a new version of every Figure structure element and a new cross-reference
/// section pointing back to Cairo's, so nothing Cairo wrote is moved or rewritten.
enum AlternativeText {
    /// `pdf` with `/Alt` on its Figure elements, taken in order from `texts` (nil: decorative, an empty /Alt).
    /// Returns `pdf` unchanged when it has no figure, and throws when the figures and texts do not match.
    static func add(_ texts: [String?], to pdf: Data) throws -> Data {
        guard !texts.isEmpty else { return pdf }
        let bytes = [UInt8](pdf)
        let text = String(decoding: bytes, as: UTF8.self)
        // Cairo writes each structure element as "N 0 obj\n<< /Type /StructElem\n   /S /Figure ... >>\nendobj".
        var figures: [(number: Int, body: String)] = []
        var search = text.startIndex
        while let found = text.range(of: "/S /Figure", range: search..<text.endIndex) {
            guard let objectStart = text.range(of: " 0 obj\n", options: .backwards, range: text.startIndex..<found.lowerBound),
                  let end = text.range(of: "\nendobj", range: found.upperBound..<text.endIndex) else { break }
            var lineStart = objectStart.lowerBound
            while lineStart > text.startIndex, text[text.index(before: lineStart)] != "\n" { lineStart = text.index(before: lineStart) }
            guard let number = Int(text[lineStart..<objectStart.lowerBound]) else { break }
            figures.append((number, String(text[objectStart.upperBound..<end.lowerBound])))
            search = end.upperBound
        }
        guard figures.count == texts.count else {
            throw FlowError(message: "the PDF has \(figures.count) figures for \(texts.count) images; alternative text not added")
        }
        guard let trailerStart = text.range(of: "trailer", options: .backwards),
              let startxref = text.range(of: "startxref\n", options: .backwards),
              let previous = Int(text[startxref.upperBound...].prefix { $0.isNumber }) else {
            throw FlowError(message: "the PDF has no trailer; alternative text not added")
        }
        let trailer = String(text[trailerStart.upperBound..<startxref.lowerBound])
        func entry(_ key: String) -> String? {
            guard let r = trailer.range(of: "/\(key) ") else { return nil }
            return String(trailer[r.upperBound...].prefix { $0 != "\n" && $0 != "/" && $0 != ">" }).trimmingCharacters(in: .whitespaces)
        }
        guard let size = entry("Size"), let root = entry("Root") else { throw FlowError(message: "the PDF trailer has no /Root") }

        var update = Data("\n".utf8)
        var offsets: [(Int, Int)] = []
        for (figure, alt) in zip(figures, texts) {
            guard let close = figure.body.range(of: ">>", options: .backwards) else { continue }
            let body = figure.body[..<close.lowerBound] + "   /Alt " + hexString(alt ?? "") + "\n>>"
            offsets.append((figure.number, pdf.count + update.count))
            update.append(Data("\(figure.number) 0 obj\n\(body)\nendobj\n".utf8))
        }
        let xref = pdf.count + update.count
        var table = "xref\n"
        for (number, offset) in offsets.sorted(by: { $0.0 < $1.0 }) {
            table += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset)
        }
        table += "trailer\n<< /Size \(size)\n   /Root \(root)\n"
        if let info = entry("Info") { table += "   /Info \(info)\n" }
        table += "   /Prev \(previous)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        update.append(Data(table.utf8))
        return pdf + update
    }

    /// A PDF text string in UTF-16BE with a byte-order mark, written in hexadecimal (no escaping needed).
    static func hexString(_ s: String) -> String {
        "<FEFF" + s.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }
}
