import Foundation
import PressKitModel
import PressKitDocument

/// Steps of work done by the text stage, counted where the cost lies: bytes copied, inline runs
/// visited, positions looked up inside shaped text (each costing the clusters Pango walks to reach
/// them), link areas measured, and candidate breaks compared with active ones. Tests compare it on an
/// input of size N and 4N to prove every stage linear without timing anything.
public final class WorkCount: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    public init() {}

    /// The steps counted so far.
    public var steps: Int { lock.withLock { total } }

    func add(_ n: Int) { lock.withLock { total += n } }
}
