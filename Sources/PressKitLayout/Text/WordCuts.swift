/// The places a word may break (scalar indices), each with its penalty, kept in order in two arrays:
/// a word has a handful, and a dictionary per word cost more to make and hash than the setting it served.
struct WordCuts {
    /// The break positions, ascending.
    private(set) var positions: [Int] = []
    private(set) var items: [BreakItem] = []

    /// Where `k` stands in `positions`, or where it would be inserted.
    private func slot(_ k: Int) -> Int {
        var low = 0, high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < k { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The penalty at position `k`, if the word may break there; setting nil removes it.
    subscript(k: Int) -> BreakItem? {
        get {
            let i = slot(k)
            return i < positions.count && positions[i] == k ? items[i] : nil
        }
        set {
            let i = slot(k)
            let present = i < positions.count && positions[i] == k
            switch (newValue, present) {
            case (let item?, true): items[i] = item
            case (let item?, false): positions.insert(k, at: i); items.insert(item, at: i)
            case (nil, true): positions.remove(at: i); items.remove(at: i)
            case (nil, false): break
            }
        }
    }

    /// The cuts strictly between `a` and `b`.
    func between(_ a: Int, _ b: Int) -> WordCuts {
        let from = slot(a + 1), to = slot(b)
        guard from < to else { return WordCuts() }
        if from == 0, to == positions.count { return self }
        return WordCuts(positions: Array(positions[from..<to]), items: Array(items[from..<to]))
    }
}
