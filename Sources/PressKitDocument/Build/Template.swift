import Foundation
import PressKitModel

/// Expands `{path | filter arg}` interpolations in layout text against a scope.
/// `{{` and `}}` stand for literal braces; `{page}` and `{pages}` become page-number fields.
struct Template {
    /// Private-use characters that stand for page fields until runs are made.
    static let pageMarker: Character = "\u{E000}", pagesMarker: Character = "\u{E001}"
    /// The two markers as scalars, to find them without breaking text into characters.
    static let markerScalars = Set(String([pageMarker, pagesMarker]).unicodeScalars)

    let labels: [String: String]
    let language: String

    /// A problem with an interpolation: the message and a hint; for a field not in the data, its path.
    struct Problem: Error { var message: String; var hint: String?; var missingField: String? = nil }

    /// Collects the data fields an expansion read, with their values.
    final class FieldUse {
        var fields: [(path: String, value: Value)] = []
    }

    /// `text` with its interpolations replaced; `used` collects the fields read.
    func expand(_ text: String, in scope: Scope, depth: Int = 0, used: FieldUse? = nil) throws -> String {
        guard depth < 8 else { throw Problem(message: "labels refer to each other in a loop", hint: nil) }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if c == "{", next < text.endIndex, text[next] == "{" { out.append("{"); i = text.index(after: next); continue }
            if c == "}", next < text.endIndex, text[next] == "}" { out.append("}"); i = text.index(after: next); continue }
            if c == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw Problem(message: "a `{` is not closed", hint: "write {{ for a literal brace")
                }
                out += try evaluate(String(text[next..<close]), in: scope, depth: depth, used: used)
                i = text.index(after: close)
                continue
            }
            out.append(c)
            i = next
        }
        return out
    }

    /// Evaluates one `path | filter arg | …` expression to text (inline Markdown).
    func evaluate(_ expression: String, in scope: Scope, depth: Int, used: FieldUse? = nil) throws -> String {
        let stages = expression.split(separator: "|").map { $0.trimmingBlanks() }
        guard let path = stages.first, !path.isEmpty else { throw Problem(message: "an empty `{}`", hint: nil) }
        if path == "page" { return String(Self.pageMarker) }
        if path == "pages" { return String(Self.pagesMarker) }
        if path == "lang" { return language }
        var value: Value
        if path.hasPrefix("label.") {
            let name = String(path.dropFirst(6))
            value = Value(.text(try label(name, in: scope, depth: depth, used: used)), at: scope.data.mark)
        } else {
            guard let found = scope.lookup(path) else {
                // A misspelt name among its neighbours ("fields.capitol" beside "fields.capital") is named as such.
                if let dot = path.lastIndex(of: "."), let parent = scope.lookup(String(path[..<dot])),
                   let near = SchemaValidator.suggestion(for: String(path[path.index(after: dot)...]), among: parent.pairs.map(\.key)) {
                    throw Problem(message: "the field `\(path)` is not in the data", hint: "did you mean `\(path[..<dot]).\(near)`?", missingField: path)
                }
                throw Problem(message: "the field `\(path)` is not in the data",
                              hint: "it may be optional: wrap the block in `if: {field: \(path), blocks: […]}`", missingField: path)
            }
            value = found
            used?.fields.append((scope.dataPath(path), found))
        }
        for stage in stages.dropFirst() {
            let words = stage.split(separator: " ", maxSplits: 1).map(String.init)
            value = try apply(words[0], argument: words.count > 1 ? words[1] : nil, to: value, in: scope, depth: depth)
        }
        return try text(of: value, path: path)
    }

    /// A label of the layout in the current language, itself expanded.
    func label(_ name: String, in scope: Scope, depth: Int, used: FieldUse? = nil) throws -> String {
        guard let raw = labels[name] else {
            let hint = SchemaValidator.suggestion(for: name, among: Array(labels.keys)).map { "did you mean `label.\($0)`?" }
                ?? "add `\(name): …` under `labels: \(language):` in the layout"
            throw Problem(message: "no label `\(name)` for language \(language)", hint: hint)
        }
        return try expand(raw, in: scope, depth: depth + 1, used: used)
    }

    func apply(_ filter: String, argument: String?, to value: Value, in scope: Scope, depth: Int) throws -> Value {
        let mark = value.mark
        switch filter {
        case "date", "day-month":
            guard case .day(let d) = value.kind else { throw Problem(message: "`\(filter)` needs a date", hint: nil) }
            if filter == "date", let style = argument {
                guard style == "numeric" else { throw Problem(message: "unknown date style `\(style)`", hint: "{… | date} prints 15 mai 2019; {… | date numeric} prints 15/05/2019") }
                return Value(.text(DateStyle.numeric(d, language: language)), at: mark)
            }
            return Value(.text(filter == "date" ? DateStyle.long(d, language: language) : DateStyle.dayAndMonth(d, language: language)), at: mark)
        case "dates":
            // A span of days from a group with `start` and (optionally) `end`: "du 24 au 26 août 2019".
            guard case .day(let start)? = value["start"]?.kind else {
                throw Problem(message: "`dates` needs a group with a `start` date (and an `end`)", hint: "e.g. {upcoming | dates}")
            }
            var end = start
            if case .day(let e)? = value["end"]?.kind { end = e }
            return Value(.text(DateStyle.range(start, end, language: language)), at: mark)
        case "time":
            guard let time = value.text.flatMap(ClockTime.init(parsing:)) else { throw Problem(message: "`time` needs a time of day such as 9:30", hint: nil) }
            return Value(.text(time.formatted(language: language)), at: mark)
        case "phone":
            // National or international, as asked; by default national for readers of the number's country.
            guard let number = value.text.flatMap(PhoneNumber.init(parsing:)) else {
                throw Problem(message: "`phone` needs a number in international form such as +33 1 53 18 43 10", hint: nil)
            }
            switch argument {
            case "national": return Value(.text(number.national), at: mark)
            case "international": return Value(.text(number.international), at: mark)
            case nil: return Value(.text(number.countryLanguages.contains(language) ? number.national : number.international), at: mark)
            default: throw Problem(message: "unknown phone form `\(argument!)`", hint: "national, international, or nothing: national for readers of the number's own country")
            }
        case "datetime", "embargo":
            guard let instant = value.text.flatMap(Instant.init(parsing:)) else { throw Problem(message: "`\(filter)` needs a date and time", hint: nil) }
            return Value(.text(instant.formatted(language: language)), at: mark)
        case "count":
            // The number of items of a list (or entries of a map): "{themes | count}".
            switch value.kind {
            case .list(let items): return Value(.integer(items.count), at: mark)
            case .map(let pairs): return Value(.integer(pairs.count), at: mark)
            default: throw Problem(message: "`count` needs a list", hint: "count a list of the data, e.g. {themes | count}")
            }
        case "words":
            // A count in words, in the document's language: "{themes | count | words}" → trois, three, drei, tre.
            guard case .integer(let n) = value.kind else { throw Problem(message: "`words` needs a number", hint: "e.g. {themes | count | words}") }
            guard let gender = NumberWords.Gender(rawValue: argument ?? "m") else {
                throw Problem(message: "unknown gender `\(argument ?? "")` for `words`", hint: "m, f or n (the noun's gender, for un/une, ein/eine, un/una)")
            }
            return Value(.text(NumberWords.words(n, language: language, gender: gender)), at: mark)
        case "plural":
            // The singular or plural a count takes in the language: "{themes | count | plural thème,thèmes}".
            guard case .integer(let n) = value.kind else { throw Problem(message: "`plural` needs a number", hint: "e.g. {themes | count | plural thème,thèmes}") }
            let forms = (argument ?? "").split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
            guard forms.count == 2, !forms[0].isEmpty, !forms[1].isEmpty else {
                throw Problem(message: "`plural` needs the singular and the plural, separated by a comma", hint: "e.g. {themes | count | plural thème,thèmes}")
            }
            return Value(.text(NumberWords.isSingular(n, language: language) ? forms[0] : forms[1]), at: mark)
        case "capital":
            let t = try text(of: value, path: filter)
            return Value(.text(TextCase.upper(String(t.prefix(1)), language: language) + t.dropFirst()), at: mark)
        case "upper": return Value(.text(TextCase.upper(try text(of: value, path: filter), language: language)), at: mark)
        case "lower": return Value(.text(TextCase.lower(try text(of: value, path: filter), language: language)), at: mark)
        case "label":
            return Value(.text(try label((argument ?? "") + (try text(of: value, path: filter)), in: scope, depth: depth)), at: mark)
        case "join":
            // Joins a list as "a, b and c"; with an argument, joins that field of each item.
            let parts = try value.elements.map { item -> String in
                guard let field = argument else { return try text(of: item, path: filter) }
                guard let inner = item[field] else { throw Problem(message: "an item has no `\(field)`", hint: nil) }
                return try text(of: inner, path: field)
            }
            let and = (try? label("and", in: scope, depth: depth)) ?? (language == "fr" ? "et" : "and")
            let joined = parts.count <= 1 ? parts.joined()
                : parts.dropLast().joined(separator: ", ") + " \(and) " + parts.last!
            return Value(.text(joined), at: mark)
        case "links":
            // A per-language map of addresses → "[label](url) / [label](url)", labels named argument+language.
            guard case .map(let pairs) = value.kind else { throw Problem(message: "`links` needs a map of languages", hint: nil) }
            let links = try pairs.map { pair -> String in
                let name = try label((argument ?? "") + pair.key, in: scope, depth: depth)
                return "[\(name)](\(pair.value.text ?? ""))"
            }
            return Value(.text(links.joined(separator: " / ")), at: mark)
        default:
            throw Problem(message: "unknown filter `\(filter)`",
                          hint: "filters: date [numeric], day-month, dates, time, datetime, embargo, phone [national|international], upper, lower, capital, count, words [m|f|n], plural SINGULAR,PLURAL, label PREFIX, join [FIELD], links PREFIX")
        }
    }

    func text(of value: Value, path: String) throws -> String {
        switch value.kind {
        case .day(let d): return DateStyle.long(d, language: language)
        case .list: throw Problem(message: "`\(path)` is a list", hint: "use `each` or a `list` block, or `| join`")
        case .map: throw Problem(message: "`\(path)` is a group of fields", hint: "name one of its fields, e.g. `\(path).name`")
        case .localized: throw Problem(message: "`\(path)` was not localized", hint: nil)
        default: return value.text ?? ""
        }
    }
}
