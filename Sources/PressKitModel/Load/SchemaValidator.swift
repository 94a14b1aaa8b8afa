import Foundation
import Yams

/// Walks a composed YAML node tree against a `Schema`, building a `Value` and collecting every problem.
package struct SchemaValidator {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Limits on a file's expanded size and nesting, checked before validation (`checkSize`).
    static let maximumValues = 200_000
    static let maximumDepth = 64

    /// Whether a long list's items may be validated on two threads (not inside a list already split).
    var parallel = false
    /// The shortest list split in two: a long meeting's texts (thousands of paragraphs) are most of its validation.
    static let parallelItems = 256

    init(file: String) { self.file = file }

    func mark(_ node: Node) -> SourceMark {
        let m = node.mark
        return SourceMark(file: file, line: m?.line ?? 1, column: m?.column ?? 1)
    }

    mutating func error(_ node: Node, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: mark(node), path: path, message, hint: hint))
    }

    /// Validates `node` against `schema`; nil when it does not conform (the reason is in `diagnostics`).
    mutating func validate(_ node: Node, _ schema: Schema, path: String) -> Value? {
        let at = mark(node)
        switch schema {
        case .recursive(let make):
            return validate(node, make(), path: path)
        case .either(let first, let second):
            let useFirst: Bool
            switch first {
            case .text, .string, .integer, .boolean, .day: useFirst = node.scalar != nil
            case .list: useFirst = node.sequence != nil
            default: useFirst = node.mapping != nil
            }
            return validate(node, useFirst ? first : second, path: path)
        case .text:
            // A literal block's first line is the line after its `|`.
            func firstLine(_ node: Node) -> Int? { node.scalar?.style == .literal ? mark(node).line + 1 : nil }
            if let scalar = scalarText(node, schema, path) {
                var value = Value(.text(scalar), at: at)
                value.firstLines[""] = firstLine(node)
                return value
            }
            guard let mapping = node.mapping else { return nil }
            var translations: [String: String] = [:]
            var marks: [String: SourceMark] = [:], lines: [String: Int] = [:]
            var ok = true
            for (key, value) in mapping {
                let lang = key.string ?? ""
                guard Self.isLanguageCode(lang) else {
                    error(key, path, "expected a language code such as `fr` or `en`, found \"\(lang)\"",
                          hint: "translated text is written as {fr: \"…\", en: \"…\"}")
                    ok = false
                    continue
                }
                if let text = scalarText(value, .text, "\(path).\(lang)") { translations[lang] = text } else { ok = false }
                marks[lang] = mark(value)
                lines[lang] = firstLine(value)
            }
            guard ok else { return nil }
            var localized = Value(.localized(translations), at: at)
            localized.languageMarks = marks
            localized.firstLines = lines
            return localized
        case .string(let format):
            guard let text = scalarText(node, schema, path) else { return nil }
            if let problem = Self.check(text, format) {
                error(node, path, "expected \(schema.expectation), found \"\(text)\"", hint: problem)
                return nil
            }
            return Value(.text(text), at: at)
        case .choice(let words):
            guard let text = scalarText(node, schema, path) else { return nil }
            guard words.contains(text) else {
                error(node, path, "expected \(schema.expectation), found \"\(text)\"",
                      hint: Self.suggestion(for: text, among: words).map { "did you mean `\($0)`?" })
                return nil
            }
            return Value(.text(text), at: at)
        case .integer(let minimum):
            guard let text = scalarText(node, schema, path) else { return nil }
            guard let n = Int(text), text.first != "+" else {
                error(node, path, "expected \(schema.expectation), found \"\(text)\"")
                return nil
            }
            if text.count > 1, text.hasPrefix("0") {
                error(node, path, "a number with a leading zero, \"\(text)\", is ambiguous in YAML",
                      hint: "write \(n), or quote the value if the zero matters")
                return nil
            }
            if let minimum, n < minimum {
                error(node, path, "expected a number of at least \(minimum), found \(n)")
                return nil
            }
            return Value(.integer(n), at: at)
        case .boolean:
            guard let text = scalarText(node, schema, path) else { return nil }
            switch text {
            case "true": return Value(.boolean(true), at: at)
            case "false": return Value(.boolean(false), at: at)
            default:
                error(node, path, "expected true or false, found \"\(text)\"",
                      hint: "YAML 1.1 reads yes/no/on/off as booleans and others do not: write true or false")
                return nil
            }
        case .day:
            guard let text = scalarText(node, schema, path) else { return nil }
            guard let day = Self.parseDay(text) else {
                error(node, path, "expected \(schema.expectation), found \"\(text)\"",
                      hint: "write dates as year-month-day: 2019-05-15")
                return nil
            }
            return Value(.day(day), at: at)
        case .list(let element, let minCount):
            guard let sequence = node.sequence else {
                return mismatch(node, schema, path)
            }
            var items: [Value] = []
            var ok = true
            if parallel, sequence.count >= Self.parallelItems, ProcessInfo.processInfo.activeProcessorCount > 1 {
                // Two halves, each with a validator of its own; their items and problems joined in order, as
                // validated one after the other (a list item's problems depend on that item alone).
                let middle = sequence.startIndex + sequence.count / 2
                nonisolated(unsafe) let shared = (sequence, element, file)
                let halves = [(items: [Value], ok: Bool, diagnostics: [Diagnostic])].concurrent(2) { k in
                    let (sequence, element, file) = shared
                    var validator = SchemaValidator(file: file)
                    let (out, ok) = validator.items(sequence, k == 0 ? sequence.startIndex..<middle : middle..<sequence.endIndex, element, path: path)
                    return (out, ok, validator.diagnostics)
                }
                for half in halves {
                    items += half.items
                    ok = ok && half.ok
                    diagnostics += half.diagnostics
                }
            } else {
                (items, ok) = self.items(sequence, sequence.indices, element, path: path)
            }
            if ok, items.count < minCount {
                error(node, path, "expected at least \(minCount) item\(minCount == 1 ? "" : "s"), found \(items.count)")
                return nil
            }
            return ok ? Value(.list(items), at: at) : nil
        case .object(let fields):
            guard let mapping = node.mapping else { return mismatch(node, schema, path) }
            var pairs: [(key: String, value: Value)] = []
            var ok = true
            var seen = Set<String>()
            for (key, value) in mapping {
                let name = key.string ?? ""
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                guard let field = fields.first(where: { $0.name == name }) else {
                    let hint = Self.suggestion(for: name, among: fields.map(\.name))
                        .map { "did you mean `\($0)`?" } ?? "known fields: " + fields.map(\.name).joined(separator: ", ")
                    error(key, childPath, "unknown field `\(name)`", hint: hint)
                    ok = false
                    continue
                }
                seen.insert(name)
                if let v = validate(value, field.schema, path: childPath) { pairs.append((name, v)) } else { ok = false }
            }
            for field in fields where field.required && !seen.contains(field.name) {
                let childPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                error(node, childPath, "missing required field `\(field.name)`",
                      hint: field.summary.isEmpty ? nil : "\(field.name): \(field.summary)")
                ok = false
            }
            return ok ? Value(.map(pairs), at: at) : nil
        case .perLanguage(let element), .dictionary(let element):
            guard let mapping = node.mapping else { return mismatch(node, schema, path) }
            var pairs: [(key: String, value: Value)] = []
            var ok = true
            for (key, value) in mapping {
                let name = key.string ?? ""
                if case .perLanguage = schema, !Self.isLanguageCode(name) {
                    error(key, path, "expected a language code such as `fr` or `en`, found \"\(name)\"")
                    ok = false
                    continue
                }
                if let v = validate(value, element, path: "\(path).\(name)") { pairs.append((name, v)) } else { ok = false }
            }
            return ok ? Value(.map(pairs), at: at) : nil
        case .variant(let kinds):
            guard let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first else {
                error(node, path, "expected \(schema.expectation), as a map with that one key")
                return nil
            }
            let name = key.string ?? ""
            guard let kind = kinds.first(where: { $0.name == name }) else {
                let hint = Self.suggestion(for: name, among: kinds.map(\.name)).map { "did you mean `\($0)`?" }
                    ?? "known kinds: " + kinds.map(\.name).joined(separator: ", ")
                error(key, path, "unknown kind `\(name)`", hint: hint)
                return nil
            }
            guard let v = validate(value, kind.schema, path: "\(path).\(name)") else { return nil }
            return Value(.map([(name, v)]), at: at)
        }
    }

    /// Items `range` of a list validated in order: the values of those that conform, and whether all do (the
    /// others' problems are in `diagnostics`).
    private mutating func items(_ sequence: Node.Sequence, _ range: Range<Int>, _ element: Schema, path: String) -> (values: [Value], ok: Bool) {
        var values: [Value] = []
        var ok = true
        for i in range {
            if let v = validate(sequence[i], element, path: "\(path)[\(i)]") { values.append(v) } else { ok = false }
        }
        return (values, ok)
    }

    private mutating func mismatch(_ node: Node, _ schema: Schema, _ path: String) -> Value? {
        error(node, path, "expected \(schema.expectation), found \(Self.describe(node))")
        return nil
    }

    /// The text of a scalar, or nil with a diagnostic; treats an empty plain value as missing.
    private mutating func scalarText(_ node: Node, _ schema: Schema, _ path: String) -> String? {
        guard let scalar = node.scalar else {
            if case .text = schema, node.mapping != nil { return nil }  // the caller handles translations
            _ = mismatch(node, schema, path)
            return nil
        }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            error(node, path, "expected \(schema.expectation), found no value",
                  hint: "give a value, or remove the field if it is optional")
            return nil
        }
        // Text below U+0300 holds no combining mark, so it is in NFC already: only other text is composed.
        var plain = true, suspicious = false
        for v in scalar.string.unicodeScalars.lazy.map(\.value) {
            if v >= 0x300 { plain = false }
            if (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || v >= 0x200B { suspicious = true }
            if !plain && suspicious { break }
        }
        let text = plain ? scalar.string : scalar.string.composed
        guard suspicious else { return text }
        // A control character (NUL from a "\0" escape, BEL, ESC…) cannot be printed and cuts C strings short.
        if let control = text.unicodeScalars.first(where: { Self.isControl($0) }) {
            error(node, path, "a control character U+\(String(printf: "%04X", control.value)) is in the text",
                  hint: "delete it: it cannot be printed (escapes such as \\0 or \\e in quoted strings, or copy and paste, put it there)")
            return nil
        }
        if let hidden = text.unicodeScalars.first(where: { Self.invisibleControls.contains($0.value) }) {
            diagnostics.append(Diagnostic(.warning, at: mark(node), path: path,
                                          "an invisible control character U+\(String(hidden.value, radix: 16, uppercase: true)) is in the text",
                                          hint: "zero-width and direction controls usually come from copy and paste; delete them unless you mean them"))
        }
        return text
    }

    /// Refuses a file whose YAML aliases expand it past `maximumValues` values ("billion laughs") or whose
    /// values nest past `maximumDepth`, before anything else looks at it. Aliases share nodes, so the walk
    /// stops as soon as a limit is passed: it never expands the whole file.
    static func checkSize(_ source: YAMLSource) throws {
        var count = 0
        func walk(_ node: Node, _ depth: Int) throws {
            count += 1
            if count > maximumValues {
                throw DiagnosticError(Diagnostic(at: SourceMark(file: source.path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1),
                                                 "the file expands to more than \(maximumValues) values",
                                                 hint: "YAML aliases (*name) repeating anchors (&name) can multiply a file: write the values out"))
            }
            if depth > maximumDepth {
                throw DiagnosticError(Diagnostic(at: SourceMark(file: source.path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1),
                                                 "values are nested more than \(maximumDepth) deep", hint: "a meeting file needs a few levels only"))
            }
            switch node {
            case .mapping(let m): for (k, v) in m { try walk(k, depth + 1); try walk(v, depth + 1) }
            case .sequence(let s): for item in s { try walk(item, depth + 1) }
            default: break
            }
        }
        try walk(source.root, 0)
    }

    /// C0 and C1 control characters and DEL; tabs and line feeds are text.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
    }

    /// Zero-width characters and bidirectional controls.
    static let invisibleControls: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                                 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF]

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "\"\(s.string)\""
        case .sequence: return "a list"
        case .mapping: return "a map"
        case .alias: return "an alias"
        }
    }

    static func isLanguageCode(_ s: String) -> Bool {
        (2...3).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    static func parseDay(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m) else { return nil }
        // The days of the month in ISO 8601's (proleptic Gregorian) calendar, counted rather than asked of
        // Foundation's Calendar, which read the environment for its time zone, for every date of a file.
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = m == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
        guard (1...days).contains(d) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Why `text` is not in `format`, or nil when it is.
    package static func check(_ text: String, _ format: StringFormat) -> String? {
        switch format {
        case .plain, .path: return nil
        case .email:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            let ok = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(Character("."))
                && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
            return ok ? nil : "an e-mail address looks like presse@ministere.gouv.fr"
        case .phone:
            let ok = text.contains(where: \.isNumber) && text.allSatisfy { $0.isNumber || " +.-()\u{00A0}".contains($0) }
            return ok ? nil : "a phone number holds digits, spaces and + . - ( ) only, e.g. 01 53 18 43 10"
        case .url:
            guard let scheme = text.split(separator: ":", maxSplits: 1).first?.lowercased(),
                  ["http", "https", "mailto", "tel"].contains(scheme), text.contains(Character(":")),
                  !text.contains(where: \.isWhitespace) else {
                return "links may use http, https, mailto or tel only, e.g. https://www.economie.gouv.fr"
            }
            return nil
        case .languageCode:
            return isLanguageCode(text) ? nil : "a language code is two or three lowercase letters, e.g. fr"
        case .identifier:
            let ok = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            return ok ? nil : "names use letters, digits, - and _ only"
        case .length:
            return Length(parsing: text) == nil ? "a length is a number and a unit: 20mm, 1.5cm, 10.5pt, 1in" : nil
        case .positiveLength:
            guard let l = Length(parsing: text) else { return "a length is a number and a unit: 20mm, 1.5cm, 10.5pt, 1in" }
            return l.pt > 0 ? nil : "a size must be greater than zero"
        case .nonNegativeLength:
            guard let l = Length(parsing: text) else { return "a length is a number and a unit: 20mm, 1.5cm, 10.5pt, 1in" }
            return l.pt >= 0 ? nil : "a margin or a space is zero or more"
        case .space:
            if text == "fill" { return nil }
            guard let l = Length(parsing: text) else { return "a space is a length (6pt, 4mm) or fill, for what is left of the page" }
            return l.pt >= 0 ? nil : "a space is zero or more"
        case .pageSize:
            if PaperSize.size(parsing: text) != nil { return nil }
            // An ISO A size presskit has not got (A6, A2) is nearest the A size next to it, not the first one that is spelt alike.
            let number = text.uppercased().hasPrefix("A") ? Int(text.dropFirst()) : nil
            let nearestA = number.map { n in ["A3", "A4", "A5"].min { abs(Int($0.dropFirst())! - n) < abs(Int($1.dropFirst())! - n) }! }
            let near = (nearestA ?? suggestion(for: text, among: PaperSize.allCases.map(\.rawValue))).map { "did you mean `\($0)`? " } ?? ""
            return near + "a page size is A3, A4, A5, letter, legal, or a width and a height such as 170mm x 240mm"
        case .widthOrShare:
            if text.hasSuffix("%"), let pct = Double(text.dropLast()), pct > 0, pct <= 100 { return nil }
            if let l = Length(parsing: text), l.pt > 0 { return nil }
            return "a width is a share of the column such as 60% (at most 100%) or a length such as 50mm"
        case .dateTime:
            return Instant(parsing: text) == nil ? "write the date, the time and the offset from UTC: 2019-05-15T12:00+02:00" : nil
        case .time:
            return ClockTime(parsing: text) == nil ? "write a time of day as hours and minutes: 9:30, 14:00" : nil
        case .internationalPhone:
            return PhoneNumber(parsing: text) == nil ? "write the number once in international form, with its country code: +33 1 53 18 43 10" : nil
        case .color:
            let hex = text.hasPrefix("#") ? text.dropFirst() : ""
            return hex.count == 6 && hex.allSatisfy(\.isHexDigit) ? nil : "a colour is written #RRGGBB, e.g. #000091"
        }
    }

    /// The closest known name to `name`, if one is close enough to be a likely typo.
    package static func suggestion(for name: String, among names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
