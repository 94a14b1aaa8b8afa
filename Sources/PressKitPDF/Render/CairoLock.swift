import Foundation

/// One lock for the whole process, held while a page or a document is drawn with Cairo. Cairo 1.16
/// shares its font objects between threads (a file's faces, the scaled fonts of a face at a size, one
/// cache of glyphs for all of them) and does not guard all of them: it changes a file's list of faces
/// without a lock, and destroys a face or evicts glyphs, on whatever thread lets go of the last
/// reference or fills the cache, while another thread reads them. Drawing two documents at once
/// corrupted the heap (a crash in Cairo about one full test run in ten). So documents are drawn one at a
/// time; everything else runs in parallel: the layout sets text with Pango's FreeType back end
/// (`FontLibrary`), which gives every thread fonts of its own and never calls Cairo, and the PDF's
/// finishing (qpdf) does not need the lock either.
enum CairoLock {
    private static let lock = NSLock()

    /// Runs `body`, which draws with Cairo, while no other thread does.
    static func drawing<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs `body` as `drawing` does if no other thread is drawing; nil, without waiting, if one is.
    static func drawingIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard lock.try() else { return nil }
        defer { lock.unlock() }
        return try body()
    }
}
