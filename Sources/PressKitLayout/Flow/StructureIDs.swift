import Foundation
import PressKitModel
import PressKitDocument

/// Hands out the numbers of a document's structure elements: one source for the body, the running
/// headers and footers of every page and both language versions, so no two elements share a number
/// however long the document.
public final class StructureIDs: @unchecked Sendable {
    private var last = 0

    public init() {}

    /// A number no element of this document has had.
    func next() -> Int {
        last += 1
        return last
    }
}
