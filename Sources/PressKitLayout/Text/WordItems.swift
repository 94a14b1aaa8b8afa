import Foundation

/// Words already made into boxes and penalties, for the paragraphs of one text context (one thread's
/// documents, and in `watch` its builds): a word is shaped, cut where it may break and hyphenated once,
/// however often it recurs ("de", "numérique", "ministres").
///
/// A word is known by everything its items depend on: its shaper's rules (hyphen penalty, house
/// hyphenation, by the paragraph cache's number for them), its bytes, the style
/// it is shaped in, its embedding level, its language, whether its paragraph is justified, where the
/// text's line-break analysis lets it break, and whether a sentence may start with it (a capitalised word
/// is hyphenated only then). Words that depend on more (inline properties, a personal name, a direction
/// change inside, a width greater than the line's) are not kept: `ParagraphSetter.memoKey` says which.
enum WordItems {
    struct Key: Hashable {
        var rules: Int
        var bytes: String
        var style: Int
        var level: UInt8
        var language: String
        var justified: Bool
        var sentenceStart: Bool
        /// Bit `k - 1` set: the line-break analysis allows a break before the word's scalar `k`.
        var breaks: UInt64
    }

    /// A word's items with their byte ranges from the word's start, and its unit (the word shaped whole).
    struct Entry {
        var items: [(item: BreakItem, start: Int, end: Int)]
        var unit: ShapedUnit
        var length: Int
    }
}

/// `WordItems` shared by the shapers of one text context, one document after the other.
public final class WordItemsCache: @unchecked Sendable {
    private var entries: [WordItems.Key: WordItems.Entry] = [:]
    /// Words looked up and found, and looked up in all.
    private var found = 0, asked = 0
    private let lock = NSLock()
    /// More words than this and all are forgotten together (a long run of distinct words).
    static let limit = 50_000

    public init() {}

    /// The items of the word `key` names, if made before.
    func entry(_ key: WordItems.Key) -> WordItems.Entry? {
        lock.withLock {
            asked += 1
            let entry = entries[key]
            if entry != nil { found += 1 }
            return entry
        }
    }

    /// Keeps a word's items.
    func store(_ entry: WordItems.Entry, for key: WordItems.Key) {
        lock.withLock {
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// Words looked up and found, and looked up in all, since the cache was made (for `PRESSKIT_TRACE`).
    public var known: (found: Int, asked: Int) { lock.withLock { (found, asked) } }
}
