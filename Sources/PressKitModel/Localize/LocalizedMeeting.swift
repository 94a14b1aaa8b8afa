// Localize: picks one language out of bilingual data; no per-language value survives this stage.
import Foundation

/// A meeting's data in one language: every translated text resolved to that language's string.
public struct LocalizedMeeting {
    public var language: String
    public var data: Value

    /// Resolves every translated text of `meeting` to `language`; a missing translation is an error
    /// naming its field path and the language.
    public init(_ meeting: Meeting, language: String) throws {
        var warnings: [Diagnostic] = []
        try self.init(meeting, language: language, fallback: nil, warnings: &warnings)
    }

    /// With a `fallback` language, a missing translation takes that language's text and is reported as a
    /// warning in `warnings` instead of stopping the build.
    public init(_ meeting: Meeting, language: String, fallback: String?, warnings: inout [Diagnostic]) throws {
        var missing: [Diagnostic] = []
        self.language = language
        self.data = Self.resolve(meeting.data, language: language, fallback: fallback, path: "", missing: &missing)
        if fallback != nil {
            warnings += missing.map { var d = $0; d.severity = .warning; d.message += "; the \(LanguageNames.english(fallback!)) text is used"; return d }
        } else if !missing.isEmpty {
            throw DiagnosticError(missing)
        }
    }

    static func resolve(_ value: Value, language: String, fallback: String? = nil, path: String, missing: inout [Diagnostic]) -> Value {
        switch value.kind {
        case .localized(let translations):
            if let text = translations[language] {
                // The language's own place: a problem in this text is named at its line.
                var resolved = Value(.text(text), at: value.languageMarks[language] ?? value.mark)
                resolved.firstLines[""] = value.firstLines[language]
                return resolved
            }
            if let fallback, let text = translations[fallback] {
                missing.append(Diagnostic(at: value.mark, path: path, "no \(LanguageNames.english(language)) (\(language)) translation"))
                return Value(.text(text), at: value.mark)
            }
            let given = translations.keys.sorted().joined(separator: ", ")
            missing.append(Diagnostic(at: value.mark, path: path, "no \(LanguageNames.english(language)) (\(language)) translation",
                                      hint: "add `\(language): …` beside \(given)"))
            return Value(.text(""), at: value.mark)
        case .list(let items):
            return Value(.list(items.enumerated().map {
                resolve($0.element, language: language, fallback: fallback, path: "\(path)[\($0.offset)]", missing: &missing)
            }), at: value.mark)
        case .map(let pairs):
            var out = pairs.map {
                ($0.key, resolve($0.value, language: language, fallback: fallback, path: path.isEmpty ? $0.key : "\(path).\($0.key)", missing: &missing))
            }
            // A quote said in another language than the document's keeps its original words beside the
            // translation: `original` (the text in `said-in`), printed as the layout chooses.
            if let said = value["said-in"]?.text, said != language, case .localized(let texts)? = value["text"]?.kind, let original = texts[said] {
                out.append(("original", Value(.text(original), at: value["text"]!.mark)))
            }
            return Value(.map(out), at: value.mark)
        default:
            return value
        }
    }
}

/// Names of languages, for messages.
package enum LanguageNames {
    package static func english(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forLanguageCode: code) ?? code
    }

    /// The language's name in itself, capitalised as a title: Français, English, Deutsch.
    package static func native(_ code: String) -> String {
        let name = Locale(identifier: code).localizedString(forLanguageCode: code) ?? code
        return name.prefix(1).uppercased(with: Locale(identifier: code)) + name.dropFirst()
    }
}
