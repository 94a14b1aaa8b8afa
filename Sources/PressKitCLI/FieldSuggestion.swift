/// The field path a mistyped one was probably meant to be, by edit distance.
enum FieldSuggestion {
    /// The candidate nearest to `typed`, when it is near enough to be a typo (at most a third of its letters, and
    /// at least two, differ); nil otherwise. Ties go to the shorter, then the alphabetically first.
    static func nearest(_ typed: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(2, typed.count / 3)
        var best: (distance: Int, path: String)?
        for candidate in candidates where candidate != typed {
            let d = distance(typed, candidate)
            guard d <= limit else { continue }
            if let b = best, (b.distance, b.path.count, b.path) <= (d, candidate.count, candidate) { continue }
            best = (d, candidate)
        }
        return best?.path
    }

    /// Every path a field can be named by: each translated field's path and the paths that contain it
    /// (`themes[0].title` gives `themes[0]` and `themes` too).
    static func paths(_ fields: some Sequence<String>) -> Set<String> {
        var out = Set<String>()
        for field in fields {
            out.insert(field)
            for (i, c) in zip(field.indices, field) where (c == "." || c == "[") && i > field.startIndex {
                out.insert(String(field[..<i]))
            }
        }
        return out
    }

    /// The Levenshtein distance between `a` and `b`: insertions, deletions and substitutions of characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
