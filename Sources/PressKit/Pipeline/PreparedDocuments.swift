import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// What a build has once its files are read, checked and built, before anything is laid out: the meeting,
/// each layout's document in each language, the layouts used, and the warnings found so far.
public struct PreparedDocuments {
    public var meeting: Meeting
    /// One document per layout and language, in build order.
    public var documents: [(layout: String, language: String, document: Document)]
    /// The layouts loaded, by name.
    public var layouts: [String: Layout]
    /// Problems that did not stop the build (stale translations, fallbacks, invisible characters).
    public var warnings: [Diagnostic]
    /// Where its fonts come from.
    public var fonts: FontSources
}
