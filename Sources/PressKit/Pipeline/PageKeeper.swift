import Foundation
import PressKitLayout

/// The laid-out pages of each document of the last good build, for the live preview (`watch --serve`).
/// A build offers the pages it makes; they replace the kept ones only when the build succeeded and its
/// PDFs were written, so a save that breaks the data leaves the last good pages in the preview, as it
/// leaves the last good PDFs on disk. Documents a build found unchanged keep the pages kept before.
public final class PageKeeper: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: PagedDocument] = [:]
    private var offered: [String: PagedDocument] = [:]
    /// Counts the builds whose pages were kept: a page's address carries it, so a browser fetches it anew.
    public private(set) var generation = 0
    /// The documents of the last good build, by name, in the build's order.
    public private(set) var names: [String] = []

    public init() {}

    /// Pages a build made for the document `name` (kept if the build succeeds).
    func offer(_ paged: PagedDocument, name: String) { lock.withLock { offered[name] = paged } }

    /// A build begins: what an earlier, failed build offered is let go.
    func begin() { lock.withLock { offered = [:] } }

    /// The build succeeded with documents `names`: the pages it made replace those kept, documents it
    /// no longer makes are dropped.
    func commit(names: [String]) {
        lock.withLock {
            kept.merge(offered) { _, new in new }
            offered = [:]
            kept = kept.filter { names.contains($0.key) }
            self.names = names.filter { kept[$0] != nil }
            generation += 1
        }
    }

    /// The pages kept for the document `name`.
    public func pages(of name: String) -> PagedDocument? { lock.withLock { kept[name] } }
}
