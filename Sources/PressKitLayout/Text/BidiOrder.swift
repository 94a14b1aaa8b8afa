import CCairoPango
import Foundation

/// The Unicode bidirectional algorithm as presskit uses it: Pango (FriBiDi) resolves each character's
/// embedding level over the whole paragraph; a line's pieces are then put in visual order by the rule
/// that reverses every run at or above each odd level (UAX #9, L2).
enum BidiOrder {
    /// Languages written right to left: their paragraphs start at the right.
    static let rightToLeftLanguages: Set<String> = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"]

    /// Whether a paragraph reads right to left: in a right-to-left language, or when at least four in five
    /// of its letters are right to left (an Arabic quotation in a French communiqué). A French sentence
    /// holding, or starting with, a Hebrew name stays left to right, which UAX #9's first-letter rule would
    /// not give.
    static func readsRightToLeft(_ scalars: [Unicode.Scalar], language: String) -> Bool {
        if rightToLeftLanguages.contains(String(language.prefix { $0 != "-" && $0 != "_" })) { return true }
        var right = 0, left = 0
        for scalar in scalars where ScalarClass.isLetter(scalar) {
            if isRightToLeft(scalar) { right += 1 } else { left += 1 }
        }
        return right > 0 && right >= 4 * left
    }

    /// Whether a letter belongs to a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko,
    /// Samaritan, Mandaic and their presentation forms): the strong right-to-left letters of UAX #9.
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// The embedding level of each of the `count` characters of `text`, from the base direction given.
    static func levels(of text: String, count: Int, rightToLeft: Bool) -> [UInt8] {
        var direction = rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR
        guard count > 0, let raw = pango_log2vis_get_embedding_levels(text, Int32(text.utf8.count), &direction) else {
            return [UInt8](repeating: rightToLeft ? 1 : 0, count: count)
        }
        defer { g_free(raw) }
        return Array(UnsafeBufferPointer(start: raw, count: count))
    }

    /// The visual order (left to right) of pieces given in logical order with their levels.
    static func visualOrder(_ levels: [UInt8]) -> [Int] {
        var order = Array(levels.indices)
        guard let highest = levels.max(), let lowestOdd = levels.filter({ $0 % 2 == 1 }).min() else { return order }
        var level = highest
        while level >= lowestOdd {
            var i = 0
            while i < order.count {
                guard levels[order[i]] >= level else { i += 1; continue }
                var j = i
                while j + 1 < order.count, levels[order[j + 1]] >= level { j += 1 }
                order[i...j].reverse()
                i = j + 1
            }
            level -= 1
        }
        return order
    }
}
