import Foundation

/// Capitals and small letters as a language writes them. Where the language keeps Unicode's default case
/// mapping (French, English, German, Italian and most others) and the text is Latin, the standard
/// library's mapping gives the same letters as ICU's (checked by `TextCaseTests`) without ICU: a locale
/// made for it loads ICU's locale data and case tables, about 4 MiB of a build's memory. Other
/// languages and scripts are mapped by Foundation with the language's locale.
public enum TextCase {
    /// Languages whose case rules differ from Unicode's defaults: the dotted and dotless i of Turkish and
    /// Azerbaijani, Lithuanian's dot above, Greek capitals without accents.
    static let tailored: Set<Substring> = ["tr", "az", "lt", "el"]

    /// Whether Unicode's default mapping is `language`'s for `text`: a language without rules of its own,
    /// and text whose cased characters are below the Greek block (Latin letters and their marks; the
    /// punctuation, spaces and symbols after it, which no mapping changes, may be anything).
    static func isDefault(_ text: String, language: String) -> Bool {
        let primary = language.prefix { $0 != "-" && $0 != "_" }.lowercased()
        return !tailored.contains(Substring(primary))
            && text.unicodeScalars.allSatisfy { $0.value < 0x370 || !$0.properties.changesWhenCaseMapped }
    }

    /// `text` in capitals, as `language` writes them.
    public static func upper(_ text: String, language: String) -> String {
        isDefault(text, language: language) ? text.uppercased() : text.uppercased(with: Locale(identifier: language))
    }

    /// `text` in small letters, as `language` writes them.
    public static func lower(_ text: String, language: String) -> String {
        isDefault(text, language: language) ? text.lowercased() : text.lowercased(with: Locale(identifier: language))
    }
}
