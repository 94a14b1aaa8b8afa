import Foundation
import PressKitModel
import PressKitDocument

/// Sets the paragraphs of the later part of a document on another thread while the layout thread works
/// through the earlier part, so a single long document uses a second core: the helper measures the blocks
/// from about the middle of the text with the layout's own rules (the same measurer, the same widths) and
/// leaves their lines in the paragraph cache the two shapers share; the layout thread then finds them
/// there. What the helper sets changes nothing but the time: a paragraph it has not reached yet, or one it
/// is setting when the layout thread needs it, the layout thread sets itself.
public final class ParagraphPresetter: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    /// Whether the helper's end has been waited for (by the thread that started it).
    private var joined = false
    private let done = DispatchSemaphore(value: 0)

    /// The index of the first block the helper takes: where the text from there to the end is `share` of
    /// the whole (by characters: a fair measure of the setting work), never the first block.
    public static func split(_ blocks: [Block], share: Double) -> Int {
        let sizes = blocks.map(Self.size)
        let total = sizes.reduce(0, +)
        guard blocks.count > 1, total > 0 else { return blocks.count }
        var after = 0
        for k in stride(from: blocks.count - 1, through: 1, by: -1) {
            after += sizes[k]
            if Double(after) >= share * Double(total) { return k }
        }
        return 1
    }

    /// The characters of text a block sets (paragraphs, lists, tables, captions, boxes and columns).
    static func size(_ block: Block) -> Int {
        func text(_ p: Paragraph) -> Int { p.runs.reduce(0) { $0 + $1.text.utf8.count } }
        func blocks(_ inner: [Block]) -> Int { inner.reduce(0) { $0 + size($1) } }
        switch block {
        case .paragraph(let p): return text(p)
        case .list(let items, _): return items.reduce(0) { $0 + text($1.paragraph) }
        case .quote(let p, let attribution): return text(p) + (attribution.map(text) ?? 0)
        case .keepTogether(let inner): return blocks(inner)
        case .box(let box): return blocks(box.blocks)
        case .columns(let set): return set.columns.reduce(0) { $0 + blocks($1.blocks) }
        case .table(let table): return table.rows.reduce(0) { $0 + $1.reduce(0) { $0 + text($1) } }
        default: return 64
        }
    }

    public init() {}

    /// Starts measuring `blocks[from...]` at `width` with `shaper` on a thread of its own.
    public func start(_ blocks: [Block], from: Int, width: Length, shaper: PangoShaper) {
        let work = Array(blocks[min(from, blocks.count)...])
        // The shaper is this thread's alone until `finish` returns.
        nonisolated(unsafe) let shaper = shaper
        let thread = Thread { [self] in
            var measurer = Measurer(shaper: shaper, ids: StructureIDs())
            for block in work {
                if lock.withLock({ stopped }) { break }
                // An error here is the layout thread's to report, when it meets the block itself.
                guard (try? measurer.slabs(block, width: width)) != nil else { break }
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Tells the helper to stop after its current block, and waits until it has: its shaper (and the
    /// Pango objects behind it) is free for other work again once this returns.
    public func finish() {
        lock.withLock { stopped = true }
        waitUntilDone()
    }

    /// Waits until the helper has measured every block given to it (or stopped): for tests.
    public func waitUntilDone() {
        guard !joined else { return }
        done.wait()
        joined = true
    }
}
