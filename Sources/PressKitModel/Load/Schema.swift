import Foundation

/// One named member of an object in a data format.
public struct Field: Sendable {
    public var name: String
    public var schema: Schema
    public var required: Bool
    /// One line for people: shown in hints and, later, in the JSON Schema.
    public var summary: String

    public init(_ name: String, _ schema: Schema, required: Bool = false, _ summary: String = "") {
        self.name = name
        self.schema = schema
        self.required = required
        self.summary = summary
    }
}

/// Kinds of text that are never translated, each checked in its own way.
public enum StringFormat: String, Sendable {
    case plain, email, phone, url, languageCode = "language code", identifier, length, color, path
    /// A length above zero (a font size, a leading).
    case positiveLength = "length greater than zero"
    /// A length of zero or more (a margin, a space).
    case nonNegativeLength = "length of zero or more"
    /// A vertical space: a length of zero or more, or `fill` for what is left of the page.
    case space = "length of zero or more, or fill"
    /// A paper name (A3, A4, A5, letter, legal) or `WIDTH x HEIGHT`.
    case pageSize = "page size"
    /// A share of the column (`60%`) or a length (`50mm`).
    case widthOrShare = "width"
    case dateTime = "date and time with its offset"
    /// A time of day, `9:30`.
    case time = "time of day"
    /// A phone number in international form, `+33 1 53 18 43 10`.
    case internationalPhone = "phone number in international form"
}

/// A data format, declared once and used to validate YAML with precise, complete error reports.
public indirect enum Schema: Sendable {
    /// Text that may be translated: a plain string, or a map of language codes (`{fr: …, en: …}`).
    case text
    /// Text that is the same in every language, in a checked format.
    case string(StringFormat)
    case integer(minimum: Int?)
    case boolean
    /// One word from a fixed set (an alignment, a weight), each known to presskit.
    case choice([String])
    case day
    case list(Schema, minCount: Int)
    case object([Field])
    /// A map keyed by language code whose values stay per language after localization.
    case perLanguage(Schema)
    /// A map with free keys (identifiers), e.g. styles by name.
    case dictionary(Schema)
    /// A map with exactly one of the given keys, e.g. a layout block kind.
    case variant([Field])
    /// A value of one of several shapes, tried in order: a scalar form, then a map form.
    case either(Schema, Schema)
    /// A schema resolved when needed, for recursive formats.
    case recursive(@Sendable () -> Schema)

    /// A short description used in "expected …" messages.
    public var expectation: String {
        switch self {
        case .text: return "text (or a map of languages such as {fr: …, en: …})"
        case .string(let f):
            switch f {
            case .plain, .path: return "text"
            case .email: return "an e-mail address"
            default: return ("aeiou".contains(f.rawValue.first!) ? "an " : "a ") + f.rawValue
            }
        case .integer: return "a whole number"
        case .boolean: return "true or false"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .day: return "a date such as 2019-05-15"
        case .list: return "a list"
        case .object, .dictionary, .perLanguage: return "a map of fields"
        case .variant(let kinds): return "one of " + kinds.map { "`\($0.name)`" }.joined(separator: ", ")
        case .either(let a, let b): return "\(a.expectation) or \(b.expectation)"
        case .recursive(let f): return f().expectation
        }
    }
}
