import Foundation

/// The time of each step of one task on one thread (finishing a PDF, drawing it), written as one line on
/// standard error when PRESSKIT_TRACE is set: `PRESSKIT_TRACE=1 presskit build …` says where a long
/// document's rendering goes. Costs nothing but a flag test when the variable is not set.
public struct PhaseLaps {
    public static let enabled = getenv("PRESSKIT_TRACE") != nil
    private let task: String
    private var last: UInt64
    private var laps: [(String, UInt64)] = []

    public init(_ task: @autoclosure () -> String) {
        self.task = Self.enabled ? task() : ""
        last = Self.enabled ? DispatchTime.now().uptimeNanoseconds : 0
    }

    /// Ends the step called `step`, begun at the previous lap (or at the start).
    public mutating func lap(_ step: StaticString) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append(("\(step)", now - last))
        last = now
    }

    /// Writes the line: "laps finish press-kit.fr: read 4.6 ms, metadata 107.2 ms…".
    public func write() {
        guard Self.enabled else { return }
        let steps = laps.map { "\($0.0) " + String(printf: "%.2f", Double($0.1) / 1e6) + " ms" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("laps  \(task): \(steps)\n".utf8))
    }
}
