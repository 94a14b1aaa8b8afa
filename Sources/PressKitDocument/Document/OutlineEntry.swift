import Foundation
import PressKitModel

/// A heading as it appears in the outline (bookmarks) and the table of contents.
public struct OutlineEntry: Sendable, Equatable {
    public var anchor: String
    public var level: Int
    public var title: String
    public init(anchor: String, level: Int, title: String) { self.anchor = anchor; self.level = level; self.title = title }
}
