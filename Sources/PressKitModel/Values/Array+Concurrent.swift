import Dispatch

extension Array {
    /// `transform` of each index of `0..<count`, run on every core (on this thread alone unless `parallel`),
    /// the results in index order. Each result is written once, into its own slot, by the thread that made it.
    package static func concurrent(_ count: Int, parallel: Bool = true, _ transform: @Sendable (Int) -> Element) -> [Element] {
        guard count > 1, parallel else { return (0..<count).map(transform) }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: count) { i in (base + i).initialize(to: transform(i)) }
            initialized = count
        }
    }
}
