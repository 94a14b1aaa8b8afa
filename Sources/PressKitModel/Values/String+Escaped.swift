extension String {
    /// The string with each scalar `replacement` gives a text for replaced by that text, in one pass over
    /// the scalars; the string itself when none is. Foundation's `replacingOccurrences` bridges to
    /// NSString and searches once per pattern: the XMP of every PDF and every link on a page paid for it.
    package func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        guard unicodeScalars.contains(where: { replacement($0) != nil }) else { return self }
        var out = UTF8Writer(capacity: utf8.count + 16)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) {
                for s in text.unicodeScalars { out.append(s) }
            } else {
                out.append(scalar)
            }
        }
        return out.string
    }

    /// The string with `&`, `<` and `>` (and `"` with `quotes`) written as XML's entities.
    package func xmlEscaped(quotes: Bool = false) -> String {
        replacingScalars { Self.xmlEntity($0, quotes: quotes) }
    }

    /// XML's entity for `&`, `<` or `>` (and `"` with `quotes`); nil for any other scalar.
    package static func xmlEntity(_ scalar: Unicode.Scalar, quotes: Bool = false) -> String? {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"" where quotes: return "&quot;"
        default: return nil
        }
    }
}
