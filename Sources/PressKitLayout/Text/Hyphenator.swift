import CHyphen
import Foundation
import PressKitModel
import PressKitDocument

/// Finds hyphenation points with libhyphen and Debian's TeX patterns, one dictionary per language,
/// caching the result per word; never in names, acronyms, numbers, addresses or just after an apostrophe.
public final class Hyphenator: @unchecked Sendable {
    /// Where Debian's hyphen-* packages put their dictionaries.
    public static let systemFolder = URL(fileURLWithPath: "/usr/share/hyphen")
    public static let softHyphen: Character = "\u{00AD}"

    /// Shared with the other threads' hyphenators of the same file.
    let shared: HyphenDictionary
    private var dictionary: UnsafeMutablePointer<HyphenDict> { shared.pointer }
    private let leftMin: Int32, rightMin: Int32
    /// Whether the dictionary is in ISO 8859-1 (Debian's German one is) rather than UTF-8.
    private let latin1: Bool
    private var cache: [Substring: [Int]] = [:]
    public let language: String
    /// The fewest letters a word must have to be broken at all (the patterns' left and right minimums).
    public var shortestWord: Int { Int(leftMin + rightMin) }

    /// The files that may hold the dictionary of `language` in `folder`, the one used first.
    public static func candidates(for language: String, in folder: URL) -> [URL] {
        ["hyph_\(language).dic", "hyph_\(language)_\(language.uppercased()).dic", language == "en" ? "hyph_en_US.dic" : ""]
            .filter { !$0.isEmpty }.map { folder.appendingPathComponent($0) }
    }

    /// The dictionary for `language` (hyph_fr.dic, hyph_en_US.dic…) in `folder`, or nil when none is installed.
    public init?(language: String, folder: URL = Hyphenator.systemFolder) {
        guard let file = Self.candidates(for: language, in: folder).map(\.path).first(where: { FileManager.default.fileExists(atPath: $0) }),
              let shared = HyphenDictionary.shared(file) else { return nil }
        self.shared = shared
        let dict = shared.pointer
        let head = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: file)).read(upToCount: 16)) ?? nil
        latin1 = head.map { String(decoding: $0, as: UTF8.self).uppercased().hasPrefix("ISO8859-1") } ?? false
        leftMin = max(2, Int32(dict.pointee.lhmin))
        rightMin = max(2, Int32(dict.pointee.rhmin))
        self.language = language
    }

    /// Positions (in characters) after which `word` may be broken with a hyphen.
    public func points(_ word: Substring) -> [Int] {
        if let known = cache[word] { return known }
        var result: [Int] = []
        // German capitalises every noun, so there a capital does not mark a name.
        let casefree = language == "de"
        let hyphenatable: Bool
        if word.unicodeScalars.allSatisfy({ $0.value < 0x300 }) {
            // No combining mark: each scalar is a character, and its properties are read without grapheme breaking.
            let scalars = word.unicodeScalars
            let count = scalars.count
            hyphenatable = count >= Int(leftMin + rightMin) && count < 90
                && scalars.allSatisfy { ScalarClass.isLetter($0) && (ScalarClass.isLowercase($0) || casefree) || $0 == "-" }
                && (casefree ? !scalars.dropFirst().contains(where: ScalarClass.isUppercase) : true)
        } else {
            let chars = Array(word)
            hyphenatable = chars.count >= Int(leftMin + rightMin) && chars.count < 90
                && chars.allSatisfy { $0.isLetter && ($0.isLowercase || casefree) || $0 == "-" }
                && (casefree ? !chars.dropFirst().contains(where: \.isUppercase) : true)
        }
        if hyphenatable {
            // Each part of a compound ("Nouvelle-Zélande", "data-driven") is hyphenated alone.
            var offset = 0
            for part in word.split(separator: "-", omittingEmptySubsequences: false) {
                result += raw(String(part).lowercased()).map { $0 + offset }
                offset += part.count + 1
            }
        }
        cache[word] = result
        return result
    }

    private func raw(_ word: String) -> [Int] {
        let count = word.count
        guard count >= Int(leftMin + rightMin) else { return [] }
        // libhyphen reads the word as a C string (strstr): it must end with a NUL byte, not counted in its size.
        guard var bytes = latin1 ? word.data(using: .isoLatin1).map(Array.init) : Array(word.utf8) else { return [] }
        let size = bytes.count
        bytes.append(0)
        var hyphens = [CChar](repeating: 0, count: size + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                hnj_hyphen_hyphenate3(dictionary, $0, Int32(size), &hyphens, nil, &rep, &pos, &cut,
                                      leftMin, rightMin, 0, 0)
            }
        }
        if let rep {
            for i in 0..<size { free(rep[i]) }
            free(rep)
        }
        free(pos); free(cut)
        guard status == 0 else { return [] }
        // With UTF-8 dictionaries the result is indexed by character (by byte, so also by character, in ISO 8859-1).
        return (0..<(count - 1)).filter { hyphens[$0] & 1 == 1 && $0 + 1 >= Int(leftMin) && count - $0 - 1 >= Int(rightMin) }.map { $0 + 1 }
    }

    /// `text` with soft hyphens at the allowed points of each ordinary lowercase word.
    public func hyphenate(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var word = Substring()
        var start = text.startIndex
        var i = text.startIndex
        func flush(upTo end: String.Index) {
            word = text[start..<end]
            guard !word.isEmpty else { return }
            let points = Set(self.points(word))
            if points.isEmpty { out += word; return }
            for (k, c) in word.enumerated() {
                out.append(c)
                if points.contains(k + 1) { out.append(Self.softHyphen) }
            }
        }
        while i < text.endIndex {
            let c = text[i]
            if !(c.isLetter || c == "-") {
                flush(upTo: i)
                out.append(c)
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        flush(upTo: text.endIndex)
        return out
    }
}

/// Hyphenators loaded once each, for one thread's documents (their word caches are not shared).
public final class HyphenatorPool: @unchecked Sendable {
    private var loaded: [String: Hyphenator?] = [:]
    /// Where the dictionaries are read from.
    public let folder: URL
    public init(folder: URL = Hyphenator.systemFolder) { self.folder = folder }

    /// The hyphenator of `language`, or nil when no dictionary is installed for it.
    public func hyphenator(_ language: String) -> Hyphenator? {
        if let known = loaded[language] { return known }
        let h = Hyphenator(language: language, folder: folder)
        loaded[language] = h
        return h
    }
}
