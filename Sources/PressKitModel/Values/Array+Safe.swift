import Foundation

extension Array {
    /// The element at `index`, or nil when the array has no such index.
    package subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
