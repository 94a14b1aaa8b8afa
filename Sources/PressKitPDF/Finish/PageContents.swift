import CQPDFLoader
import Foundation
import PressKitModel

/// A PDF's page contents, read from libqpdf's objects on the finishing thread and scanned elsewhere: each
/// inflated and its tokens read once for the marked content and /ActualText spans the finisher changes.
/// A long document's scan (a few hundred milliseconds of one core at 577 pages) runs on a core left idle
/// (`IdleWork`) while the finishing thread works on the structure tree; a short one's is made when asked.
struct PageContents {
    /// A page's content streams and their bytes as read: Cairo's single stream still compressed, or else
    /// all the streams decoded and joined.
    struct Read: Sendable {
        let page: qpdf_oh
        let contents: [qpdf_oh]
        let compressed: Bool
        let bytes: [UInt8]
    }

    /// A page's content, decoded, and what it holds to change.
    struct Scanned: Sendable {
        var content: [UInt8]
        var scan: ContentRewriter.Scan
        init(_ content: [UInt8]) { self.content = content; scan = ContentRewriter.scan(content) }
    }

    /// The pages in order, each read once.
    let reads: [Read]
    /// Each page scanned, in the order of `reads`; nil where zlib could not inflate the stream (qpdf then decodes it).
    let scanned: IdleWork<[Scanned?]>

    /// Reads the contents of `pages` (libqpdf, this thread) and begins scanning them.
    init(_ doc: QPDFDocument, pages: [qpdf_oh]) {
        var reads: [Read] = []
        reads.reserveCapacity(pages.count)
        for page in pages {
            let contents = doc.key(page, "/Contents").map(doc.items) ?? []
            if contents.count == 1, let raw = doc.flateBytes(contents[0]) {
                reads.append(Read(page: page, contents: contents, compressed: true, bytes: raw))
            } else if let data = doc.pageContent(page) {
                reads.append(Read(page: page, contents: contents, compressed: false, bytes: [UInt8](data)))
            }
        }
        self.reads = reads
        let work = reads
        // One thread, in order: on the idle core it takes no time from the finishing thread.
        scanned = IdleWork(onIdleThread: pages.count >= 16) {
            work.map { read in read.compressed ? Flate.inflate(read.bytes).map(Scanned.init) : Scanned(read.bytes) }
        }
    }
}
