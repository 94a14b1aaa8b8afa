extension StringProtocol {
    /// The text without the blanks at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// gives (tabs and spaces of every width; line breaks stay), without bridging to NSString:
    /// every field named in a layout's text is trimmed so. Scalars, not characters, are trimmed, as
    /// Foundation does (a combining mark after a space stays).
    package func trimmingBlanks() -> String { trimmingScalars(where: \.isBlank) }

    /// The text without blanks and line breaks at either end: Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without bridging to NSString.
    package func trimmingBlanksAndLineBreaks() -> String { trimmingScalars { $0.isBlank || $0.isLineBreak } }

    /// The text without the scalars `drop` accepts at either end.
    package func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }), let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

extension Unicode.Scalar {
    /// A line break in Foundation's `CharacterSet.newlines`: U+000A to U+000D, U+0085, U+2028, U+2029.
    package var isLineBreak: Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A tab or a space: Foundation's `CharacterSet.whitespaces`, the space separators (category Zs) and
    /// U+200B, the zero-width space, which it still counts.
    package var isBlank: Bool {
        switch value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
