import Foundation
import Synchronization
import PressKitModel
import PressKitDocument

/// Steps of work done by the text stage, counted where the cost lies: bytes copied, inline runs
/// visited, positions looked up inside shaped text (each costing the clusters Pango walks to reach
/// them), link areas measured, and candidate breaks compared with active ones. Tests compare it on an
/// input of size N and 4N to prove every stage linear without timing anything. An atomic counter, not a
/// lock: it is added to for nearly every word set.
public final class WorkCount: Sendable {
    private let total = Atomic<Int>(0)

    public init() {}

    /// The steps counted so far.
    public var steps: Int { total.load(ordering: .relaxed) }

    func add(_ n: Int) { total.add(n, ordering: .relaxed) }
}
