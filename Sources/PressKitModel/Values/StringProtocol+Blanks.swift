extension StringProtocol {
    /// The text without the blanks at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// gives (tabs and spaces of every width; line breaks stay), without bridging to NSString:
    /// every field named in a layout's text is trimmed so. Scalars, not characters, are trimmed, as
    /// Foundation does (a combining mark after a space stays).
    package func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }), let last = scalars.lastIndex(where: { !$0.isBlank }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

extension Unicode.Scalar {
    /// A tab or a space: Foundation's `CharacterSet.whitespaces`, the space separators (category Zs) and
    /// U+200B, the zero-width space, which it still counts.
    package var isBlank: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
