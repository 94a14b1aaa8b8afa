import Foundation
import PressKitModel

/// What a layout's `{…}` interpolations can read: the localized data, loop variables, labels, parameters.
struct Scope {
    var data: Value
    var locals: [String: Value] = [:]
    /// Where each loop variable's value sits in the data: `issuer` → `issuers[0]`.
    var localPaths: [String: String] = [:]
    var params: [String: String] = [:]
    var language: String

    /// Resolves a path such as `meeting.chair.name`, `themes[0].title`, `sections.programme.body` (an item by
    /// its id), `group.summary`, `param.title`.
    func lookup(_ path: String) -> Value? {
        var parts = Self.split(path)
        guard let head = parts.first else { return nil }
        parts.removeFirst()
        var current: Value?
        if head == "param", let name = parts.first {
            parts.removeFirst()
            current = params[name].map { Value(.text($0), at: data.mark) }
        } else if let local = locals[head] {
            current = local
        } else {
            current = data[head]
        }
        for part in parts {
            guard let value = current else { return nil }
            if let index = Int(part) {
                let items = value.elements
                current = index >= 0 && index < items.count ? items[index] : nil
            } else if case .list(let items) = value.kind {
                // An item of a list named by its id: `sections.programme.body`.
                current = items.first { $0["id"]?.text == part }
            } else {
                current = value[part]
            }
        }
        return current
    }

    /// A path as written in the layout (`issuer.logo.file`), as a path in the meeting file (`issuers[0].logo.file`).
    func dataPath(_ path: String) -> String {
        let head = path.prefix { $0 != "." && $0 != "[" }
        guard let base = localPaths[String(head)] else { return path }
        return base + path.dropFirst(head.count)
    }

    /// `a.b[2].c` → ["a", "b", "2", "c"].
    static func split(_ path: String) -> [String] {
        // Brackets read as dots ("a[0].b" is "a.0.b"); each part without the spaces around it.
        path.filter { $0 != "]" }.split(whereSeparator: { $0 == "." || $0 == "[" }).map { part in
            let isSpace = { (c: Character) in c == " " || c == "\t" }
            guard let first = part.firstIndex(where: { !isSpace($0) }), let last = part.lastIndex(where: { !isSpace($0) }) else { return "" }
            return String(part[first...last])
        }
    }
}
