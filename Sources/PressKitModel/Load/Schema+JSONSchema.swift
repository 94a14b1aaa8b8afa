import Foundation

extension Schema {
    /// This schema as JSON Schema (draft 2020-12), for editors with a YAML language server.
    /// `blocks` adds the definitions of layout blocks (for the layout format, whose blocks nest).
    public func jsonSchema(title: String, blocks: Bool = false) -> String {
        var root = jsonObject()
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["title"] = title
        if blocks {
            root["$defs"] = ["block": LayoutSchema.block.jsonObject(), "blocks": ["type": "array", "items": ["$ref": "#/$defs/block"]]]
            // A layout's values may be theme tokens ($colors.accent) wherever a value is written.
            root = Self.acceptingTokens(root) as? [String: Any] ?? root
        }
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static let languagePattern = "^[a-z]{2,3}$"

    /// A theme token as written in a layout.
    static let tokenPattern = "^\\$[a-z][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*$"

    /// `json` with every checked string, choice and boolean also accepting a theme token.
    static func acceptingTokens(_ json: Any) -> Any {
        if let list = json as? [Any] { return list.map(acceptingTokens) }
        guard var object = json as? [String: Any] else { return json }
        for (key, value) in object where key != "enum" { object[key] = acceptingTokens(value) }
        let type = object["type"] as? String
        if type == "string", let pattern = object["pattern"] as? String {
            object["pattern"] = tokenPattern + "|" + pattern
        } else if (type == "string" && object["enum"] != nil) || type == "boolean" || type == "integer" {
            var plain = object
            plain.removeValue(forKey: "description")
            var out: [String: Any] = ["anyOf": [plain, ["type": "string", "pattern": tokenPattern]]]
            if let d = object["description"] { out["description"] = d }
            return out
        }
        return object
    }

    func jsonObject() -> [String: Any] {
        switch self {
        case .text:
            return ["oneOf": [["type": "string"],
                              ["type": "object", "patternProperties": [Schema.languagePattern: ["type": "string"]], "additionalProperties": false]]]
        case .string(let format):
            var out: [String: Any] = ["type": "string"]
            switch format {
            case .email: out["format"] = "email"
            case .url: out["pattern"] = "^(https?|mailto|tel):"
            case .languageCode: out["pattern"] = Schema.languagePattern
            case .identifier: out["pattern"] = "^[A-Za-z0-9_-]+$"
            case .length: out["pattern"] = "^-?[0-9.]+ ?(mm|cm|pt|in)$"
            case .color: out["pattern"] = "^#[0-9A-Fa-f]{6}$"
            case .phone: out["pattern"] = "^[0-9 +.()\\u00A0-]+$"
            case .dateTime: out["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$"
            case .positiveLength, .nonNegativeLength: out["pattern"] = "^[0-9.]+ ?(mm|cm|pt|in)$"
            case .space: out["pattern"] = "^(fill|[0-9.]+ ?(mm|cm|pt|in))$"
            case .pageSize: out["pattern"] = "^(A3|A4|A5|letter|legal|[0-9.]+ ?(mm|cm|pt|in) ?x ?[0-9.]+ ?(mm|cm|pt|in))$"
            case .widthOrShare: out["pattern"] = "^[0-9.]+ ?(%|mm|cm|pt|in)$"
            case .time: out["pattern"] = "^[0-9]{1,2}:[0-9]{2}$"
            case .internationalPhone: out["pattern"] = "^\\+[0-9][0-9 .\\u00A0-]+$"
            case .plain, .path: break
            }
            return out
        case .integer(let minimum):
            var out: [String: Any] = ["type": "integer"]
            if let minimum { out["minimum"] = minimum }
            return out
        case .boolean: return ["type": "boolean"]
        case .choice(let words): return ["type": "string", "enum": words]
        case .day: return ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
        case .list(let element, let minCount):
            var out: [String: Any] = ["type": "array", "items": element.jsonObject()]
            if minCount > 0 { out["minItems"] = minCount }
            return out
        case .object(let fields):
            var properties: [String: Any] = [:]
            for f in fields {
                var p = f.schema.jsonObject()
                if !f.summary.isEmpty { p["description"] = f.summary }
                properties[f.name] = p
            }
            var out: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { out["required"] = required }
            return out
        case .perLanguage(let element):
            return ["type": "object", "patternProperties": [Schema.languagePattern: element.jsonObject()], "additionalProperties": false]
        case .dictionary(let element):
            return ["type": "object", "additionalProperties": element.jsonObject()]
        case .variant(let kinds):
            return ["oneOf": kinds.map { k -> [String: Any] in
                var p = k.schema.jsonObject()
                if !k.summary.isEmpty { p["description"] = k.summary }
                return ["type": "object", "properties": [k.name: p], "required": [k.name], "additionalProperties": false]
            }]
        case .either(let a, let b):
            return ["oneOf": [a.jsonObject(), b.jsonObject()]]
        case .recursive(let make):
            if case .list = make() { return ["$ref": "#/$defs/blocks"] }
            return ["$ref": "#/$defs/block"]
        }
    }
}
