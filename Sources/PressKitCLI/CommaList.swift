/// The values of a repeatable option that also takes commas: `--lang fr,en` and `--lang fr --lang en` alike.
enum CommaList {
    /// Every value named, split at commas, trimmed, in order, each once; nil when none was named.
    static func values(_ raw: [String]) -> [String]? {
        var out: [String] = []
        for item in raw {
            for part in item.split(separator: ",") {
                let value = part.trimmingCharacters(in: .whitespaces)
                if !value.isEmpty, !out.contains(value) { out.append(value) }
            }
        }
        return out.isEmpty ? nil : out
    }
}
