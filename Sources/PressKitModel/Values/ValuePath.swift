import Foundation

/// A place in the meeting data, as `presskit query` takes it: keys joined by dots and list positions in
/// brackets, `speakers[0].name` or `title.fr` (a leading dot, as jq writes it, is allowed). A key with a
/// dot or a bracket in it is written in quotes: `labels."a.b"`.
public struct ValuePath: Sendable, Equatable, CustomStringConvertible {
    /// One step: a map's key (or a language of a translated text), or a list's position (from 0).
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public var steps: [Step]

    /// The path of these steps.
    public init(steps: [Step]) { self.steps = steps }

    /// Parses `text`; a problem names what is wrong and where.
    public init(_ text: String) throws {
        var steps: [Step] = []
        var chars = Array(text)
        if chars.first == "." { chars.removeFirst() }
        var i = 0
        func fail(_ message: String) -> DiagnosticError {
            DiagnosticError(Diagnostic(at: .commandLine, "the path `\(text)` \(message)",
                                       hint: "write keys joined by dots and list positions in brackets, e.g. speakers[0].name or title.fr"))
        }
        while i < chars.count {
            if chars[i] == "[" {
                guard let close = chars[i...].firstIndex(of: "]"), let n = Int(String(chars[(i + 1)..<close])), n >= 0 else {
                    throw fail("has a list position that is not a number from 0 in brackets")
                }
                steps.append(.index(n))
                i = close + 1
            } else if chars[i] == "\"" {
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { throw fail("has a quote that is not closed") }
                steps.append(.key(String(chars[(i + 1)..<close])))
                i = close + 1
            } else {
                var j = i
                while j < chars.count, chars[j] != ".", chars[j] != "[" {
                    guard chars[j] != "\"" else { throw fail("has a quote inside a key (quote the whole key)") }
                    j += 1
                }
                guard j > i else { throw fail("has an empty key") }
                steps.append(.key(String(chars[i..<j])))
                i = j
            }
            if i < chars.count {
                if chars[i] == "." {
                    i += 1
                    guard i < chars.count else { throw fail("ends with a dot") }
                } else if chars[i] != "[" {
                    throw fail("has `\(chars[i])` where a dot or a bracket should be")
                }
            }
        }
        self.steps = steps
    }

    public var description: String {
        var out = ""
        for step in steps {
            switch step {
            case .key(let k):
                let plain = !k.isEmpty && !k.contains(where: { ".[]\"".contains($0) })
                out += (out.isEmpty ? "" : ".") + (plain ? k : "\"\(k)\"")
            case .index(let n): out += "[\(n)]"
            }
        }
        return out
    }
}

extension Value {
    /// The value at `path`; a step that leads nowhere is an error at the value it was taken from (its
    /// line in the meeting file), with the keys there are, or the length of the list.
    public func value(at path: ValuePath) throws -> Value {
        var current = self
        var walked = ValuePath(steps: [])
        for step in path.steps {
            let here = walked.steps.isEmpty ? "the meeting data" : "`\(walked)`"
            switch (step, current.kind) {
            case (.key(let key), .map(let members)):
                guard let next = members.first(where: { $0.key == key })?.value else {
                    let keys = members.map(\.key)
                    let hint = SchemaValidator.suggestion(for: key, among: keys).map { "did you mean `\($0)`?" }
                        ?? (keys.isEmpty ? "it is empty" : "its keys: " + keys.joined(separator: ", "))
                    throw DiagnosticError(Diagnostic(at: current.mark, path: walked.description, "\(here) has no key `\(key)`", hint: hint))
                }
                current = next
            case (.key(let language), .localized(let texts)):
                guard let text = texts[language] else {
                    throw DiagnosticError(Diagnostic(at: current.mark, path: walked.description, "\(here) has no text in `\(language)`",
                                                     hint: "its languages: " + texts.keys.sorted().joined(separator: ", ")))
                }
                var value = Value(.text(text), at: current.languageMarks[language] ?? current.mark)
                value.firstLines = current.firstLines[language].map { ["": $0] } ?? [:]
                current = value
            case (.index(let n), .list(let items)):
                guard n < items.count else {
                    throw DiagnosticError(Diagnostic(at: current.mark, path: walked.description,
                                                     "\(here) has \(items.count) item\(items.count == 1 ? "" : "s"); there is no [\(n)]",
                                                     hint: items.isEmpty ? "the list is empty" : "positions count from 0: [0] to [\(items.count - 1)]"))
                }
                current = items[n]
            case (.key(let key), _):
                throw DiagnosticError(Diagnostic(at: current.mark, path: walked.description, "\(here) is \(current.kindName), which has no key `\(key)`"))
            case (.index(let n), _):
                throw DiagnosticError(Diagnostic(at: current.mark, path: walked.description, "\(here) is \(current.kindName), which has no item [\(n)]"))
            }
            walked.steps.append(step)
        }
        return current
    }

    /// What kind of value this is, in words, for messages.
    public var kindName: String {
        switch kind {
        case .text: return "a text"
        case .localized: return "a text in several languages"
        case .integer: return "a number"
        case .boolean: return "true or false"
        case .day: return "a date"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    /// The value as JSON: texts as strings, a text in several languages as an object by language, dates
    /// as ISO 8601 (YYYY-MM-DD), maps as objects in the file's order.
    public var json: String {
        var out = ""
        writeJSON(into: &out, indent: "")
        return out
    }

    private func writeJSON(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch kind {
        case .text(let s): out += Self.quoted(s)
        case .integer(let n): out += String(n)
        case .boolean(let b): out += b ? "true" : "false"
        case .day(let d): out += Self.quoted(d.iso)
        case .localized(let texts):
            let keys = texts.keys.sorted()
            guard !keys.isEmpty else { out += "{}"; return }
            out += "{\n" + keys.map { "\(inner)\(Self.quoted($0)): \(Self.quoted(texts[$0]!))" }.joined(separator: ",\n") + "\n\(indent)}"
        case .list(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += inner
                item.writeJSON(into: &out, indent: inner)
                out += k == items.count - 1 ? "\n" : ",\n"
            }
            out += "\(indent)]"
        case .map(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (k, member) in members.enumerated() {
                out += "\(inner)\(Self.quoted(member.key)): "
                member.value.writeJSON(into: &out, indent: inner)
                out += k == members.count - 1 ? "\n" : ",\n"
            }
            out += "\(indent)}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(printf: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
