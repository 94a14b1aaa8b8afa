import Foundation
import Yams

/// A field a layout declares and reads as `{fields.NAME}`: the meeting file gives it under `fields:`.
public struct LayoutField: Sendable {
    /// What a declared field holds, checked as the meeting file's own fields are.
    public enum Kind: String, Sendable, CaseIterable {
        case text, date, dateTime = "date-time", time, integer, boolean, url, email, phone

        /// The schema a value of this kind is validated against.
        var schema: Schema {
            switch self {
            case .text: return .text
            case .date: return .day
            case .dateTime: return .string(.dateTime)
            case .time: return .string(.time)
            case .integer: return .integer(minimum: nil)
            case .boolean: return .boolean
            case .url: return .string(.url)
            case .email: return .string(.email)
            case .phone: return .string(.internationalPhone)
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    public var summary: String
    /// The layout that declares it, and where.
    public var layout: String
    public var mark: SourceMark

    /// The fields a layout declares.
    public static func declared(by layout: Layout) -> [LayoutField] {
        (layout.data["fields"]?.pairs ?? []).compactMap { name, spec in
            guard let kind = spec["type"]?.text.flatMap(Kind.init(rawValue:)) else { return nil }
            var required = false
            if case .boolean(true)? = spec["required"]?.kind { required = true }
            return LayoutField(name: name, kind: kind, required: required, summary: spec["description"]?.text ?? "", layout: layout.name, mark: spec.mark)
        }
    }

    /// The meeting's `fields` checked against what the layouts declare: each value typed by its declaration,
    /// a required one missing, a mistyped one, or (when `complete`, every layout of the file being built)
    /// one no layout reads, reported at the meeting file's line.
    public static func check(_ meeting: inout Meeting, against layouts: [Layout], complete: Bool) -> [Diagnostic] {
        let declared = layouts.flatMap(declared(by:))
        var problems: [Diagnostic] = []
        var byName: [String: LayoutField] = [:]
        for field in declared {
            if let other = byName[field.name], other.kind != field.kind {
                problems.append(Diagnostic(at: field.mark, path: "fields.\(field.name)",
                                           "the layouts `\(other.layout)` and `\(field.layout)` both read `fields.\(field.name)`, as \(other.kind.rawValue) and as \(field.kind.rawValue)",
                                           hint: "give the field the same type in both layouts, or another name in one", note: "declared at \(other.mark)"))
            }
            if byName[field.name] == nil || field.required { byName[field.name] = field }
        }
        let given = meeting.data["fields"]
        let node = meeting.source.root.mapping?.member("fields")
        var typed: [(key: String, value: Value)] = []
        var validator = SchemaValidator(file: meeting.source.path)
        for (name, value) in (given?.pairs ?? []) {
            guard let field = byName[name] else {
                if complete {
                    let hint = SchemaValidator.suggestion(for: name, among: Array(byName.keys)).map { "did you mean `\($0)`? " } ?? ""
                    problems.append(Diagnostic(at: value.mark, path: "fields.\(name)", "no layout of this meeting reads `fields.\(name)`",
                                               hint: hint + (byName.isEmpty ? "the layouts built declare no fields" : "they read: " + byName.keys.sorted().joined(separator: ", "))))
                }
                typed.append((name, value))
                continue
            }
            if let raw = node?.mapping?.member(name), let checked = validator.validate(raw, field.kind.schema, path: "fields.\(name)") {
                typed.append((name, checked))
            }
        }
        problems += validator.diagnostics
        for field in byName.values.sorted(by: { $0.name < $1.name }) where field.required && given?[field.name] == nil {
            let documents = meeting.data["documents"]?.elements.first { $0.text == field.layout }
            problems.append(Diagnostic(at: documents?.mark ?? given?.mark ?? .file(meeting.source.path), path: "fields.\(field.name)",
                                       "the layout `\(field.layout)` needs `fields.\(field.name)` (\(field.kind.rawValue)): \(field.summary)",
                                       hint: "add it under `fields:` in the meeting file", note: "declared at \(field.mark)"))
        }
        if given != nil { meeting.data = meeting.data.replacing("fields", with: Value(.map(typed), at: given!.mark)) }
        return problems
    }
}
