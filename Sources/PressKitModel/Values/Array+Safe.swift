import Foundation

extension Array {
    /// The element at `index`, or nil when the array has no such index.
    @inlinable package subscript(safe index: Int) -> Element? { index >= startIndex && index < endIndex ? self[index] : nil }
}
