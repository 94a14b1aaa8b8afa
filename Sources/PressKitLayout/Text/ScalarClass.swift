/// The character properties the setter asks of every scalar, answered for ASCII without Unicode's
/// property tables (most of a European text), and by them for the rest.
enum ScalarClass {
    /// Whether the scalar is a letter (Unicode's Alphabetic property).
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    /// Whether the scalar is an uppercase letter (Unicode's Uppercase property).
    @inline(__always) static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return s.properties.isUppercase
    }

    /// Whether the scalar is a lowercase letter (Unicode's Lowercase property).
    @inline(__always) static func isLowercase(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return s.properties.isLowercase
    }
}
