import Foundation

/// Where presskit keeps what it learns between runs (fontconfig's cache of its fonts, compiled hyphenation
/// dictionaries, file digests): `$XDG_CACHE_HOME/presskit`, or `~/.cache/presskit`.
package enum UserCache {
    /// The cache folder (not made). The variable is read with getenv: ProcessInfo's environment copies
    /// every variable into a dictionary at each call.
    package static var folder: URL {
        let base = getenv("XDG_CACHE_HOME").flatMap { $0.pointee == 0 ? nil : URL(fileURLWithPath: String(cString: $0)) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
        return base.appendingPathComponent("presskit")
    }
}
