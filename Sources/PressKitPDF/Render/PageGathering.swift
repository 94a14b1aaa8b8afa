import Foundation
import PressKitModel
import PressKitLayout

/// The lines of a long document's pages gathered for Cairo (`GatheredText`) on a core left idle, a few pages
/// ahead of the one Cairo draws: Cairo draws on one thread at a time (`CairoLock`), and gathering the
/// glyphs, clusters and text of every line took about a tenth of that thread's time. The gathering thread
/// runs at the lowest priority (SCHED_IDLE, as `IdleWork`): a page it has not begun when the drawing
/// thread reaches it is gathered by the drawing thread itself, so nothing waits for a core that is busy.
/// `gather` decides, for every page `PageDrawer` draws (ahead here, or as drawn), which lines are shown whole
/// and how their ends copy: running headers and footers, and the lines of paragraphs without links or
/// passages in another language (those are drawn in Span and Link elements, `PageDrawer.drawLinked`).
final class PageGathering: @unchecked Sendable {
    /// How many pages the gathering thread may run ahead of the drawing one (their buffers held meanwhile).
    static let ahead = 4
    /// The shortest document gathered ahead: a shorter one's pages are gathered as they are drawn (the
    /// thread would cost more than it saves). Tests set it to compare the two ways.
    nonisolated(unsafe) static var minimumPages = 16

    private let pages: [Page]
    private let linked: Set<Int>
    private let condition = NSCondition()
    private var gathered: [GatheredText?]
    private var claimed: [Bool]
    /// The page the drawing thread asks for next.
    private var next = 0
    private var stopped = false

    /// Starts gathering `pages` (`linked`: the paragraphs drawn line by line in Span and Link elements).
    init(_ pages: [Page], linked: Set<Int>) {
        self.pages = pages
        self.linked = linked
        gathered = Array(repeating: nil, count: pages.count)
        claimed = Array(repeating: false, count: pages.count)
        IdleThread.start(named: "presskit page gathering") { [self] in run() }
    }

    private func run() {
        for i in pages.indices {
            condition.lock()
            while !stopped, i >= next + Self.ahead { condition.wait() }
            if stopped { condition.unlock(); return }
            if claimed[i] { condition.unlock(); continue }
            claimed[i] = true
            condition.unlock()
            let text = Self.gather(pages[i], linked: linked)
            condition.lock()
            gathered[i] = text
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Page `i`'s lines gathered (pages are asked for in order): by this thread if the gathering one has not
    /// begun the page, else once it is done.
    func page(_ i: Int) -> GatheredText {
        condition.lock()
        next = i + 1
        condition.broadcast()
        guard claimed[i] else {
            claimed[i] = true
            condition.unlock()
            return Self.gather(pages[i], linked: linked)
        }
        while gathered[i] == nil { condition.wait() }
        let text = gathered[i]!
        gathered[i] = nil
        condition.unlock()
        return text
    }

    /// Ends the gathering thread (the document drawn, or stopped by an error).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The lines of `page` that `PageDrawer` draws whole, gathered, by item.
    static func gather(_ page: Page, linked: Set<Int>) -> GatheredText {
        var text = GatheredText()
        text.byItem = Array(repeating: nil, count: page.items.count)
        for i in page.items.indices {
            guard case .line(let line, let origin, let tag) = page.items[i] else { continue }
            if tag.running {
                text.byItem[i] = text.gather(line.runs, at: origin.x.pt, origin.y.pt)
            } else if !linked.contains(tag.id) {
                text.byItem[i] = text.gather(line.runs, at: origin.x.pt, origin.y.pt, end: line.hyphenated ? .hyphenated : .plain,
                                             wholeWords: line.tracked)
            }
        }
        return text
    }
}
