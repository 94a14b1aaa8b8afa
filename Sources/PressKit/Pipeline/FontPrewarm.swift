import Foundation
import PressKitLayout
import PressKitPDF

/// A font library loaded on a thread of its own, for the font sources a build most likely has, while the
/// build reads its files: `library()` waits for it. Nothing else may use fontconfig or Pango until it has
/// been waited for (`wait()`): their first set-up is not made to run on two threads at once.
///
/// For a build of PDFs, the thread then loads libqpdf, which the first finished PDF needs: 2–3 ms taken
/// off the end of a one-document build, where the other core waits for the drawing and the finishing
/// (press kit of 14 pages: 37 → 33 ms from laid out to rendered).
final class FontPrewarm: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var made: FontLibrary?
    private var waited = false

    init(_ sources: FontSources, thenFinisher: Bool = false) {
        let thread = Thread { [self] in
            made = try? FontLibrary(sources: sources)
            Trace.mark("fonts set up (on another thread)")
            done.signal()
            if thenFinisher { PDFRenderer.preloadFinisher() }
            Trace.mark("PDF finisher loaded (on another thread)")
        }
        thread.start()
    }

    /// Waits until the library is made (once; later calls return at once).
    func wait() {
        guard !waited else { return }
        done.wait()
        waited = true
    }

    /// The library, once made; nil when it could not be.
    func library() -> FontLibrary? {
        wait()
        return made
    }
}
