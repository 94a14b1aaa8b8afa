import CHyphen
import XCTest
@testable import PressKitLayout

/// libhyphen's compiled dictionary written to the cache and read back (issue 16: Debian's German patterns
/// take 2.3 s to compile, every run): the same machine, the same hyphenation points, and a damaged cache
/// file refused.
final class HyphenationCacheTests: XCTestCase {
    static let words: [String: [String]] = [
        "de": ["Bundesministerium", "Wirtschaftsministerin", "Energiesicherheit", "Zusammenarbeit", "Digitalisierung",
               "Übertragungsnetze", "Regierungskonsultationen", "Verantwortung", "Schifffahrt", "Grenzüberschreitend"],
        "fr": ["gouvernementales", "responsabilisation", "internationale", "technologiques", "infrastructures", "télécommunications"],
        "en": ["responsibility", "infrastructure", "international", "accountability", "telecommunications"],
        "it": ["cooperazione", "internazionale", "responsabilità", "infrastrutture", "tecnologiche"],
    ]

    /// The hyphenation vector of `word` in `dict` (libhyphen's odd digits).
    static func points(_ dict: UnsafeMutablePointer<HyphenDict>, _ word: String, latin1: Bool) -> [Int8] {
        let bytes: [UInt8] = latin1 ? word.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } : Array(word.lowercased().utf8)
        var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, pos: UnsafeMutablePointer<Int32>?, cut: UnsafeMutablePointer<Int32>?
        // libhyphen reads the word as a C string (strstr for its NOHYPHEN patterns) and writes where it finds
        // one: unterminated, the word let it read the heap beyond and write '0' past `hyphens` (AddressSanitizer
        // found it; it was this suite's occasional "corrupted size vs. prev_size").
        _ = (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { buffer in
            hnj_hyphen_hyphenate2(dict, buffer.baseAddress, Int32(bytes.count), &hyphens, nil, &rep, &pos, &cut)
        }
        if let rep {
            for i in 0..<bytes.count { free(rep[i]) }
            free(rep)
        }
        free(pos); free(cut)
        return Array(hyphens.prefix(bytes.count))
    }

    func testTheCachedMachineHyphenatesAsLibhyphensOwn() throws {
        for (language, words) in Self.words {
            let file = try XCTUnwrap(Hyphenator.candidates(for: language, in: Hyphenator.systemFolder).first { FileManager.default.fileExists(atPath: $0.path) }).path
            let original = try XCTUnwrap(hnj_hyphen_load(file))
            defer { hnj_hyphen_free(original) }
            let bytes = CompiledHyphenDictionary.write(original)
            let machine = try XCTUnwrap(CompiledHyphenDictionary.read(bytes), language)
            defer { machine.free() }
            let copy = machine.dict
            XCTAssertEqual(copy.pointee.num_states, original.pointee.num_states)
            XCTAssertEqual(CompiledHyphenDictionary.write(copy), bytes, "\(language): written again, the same bytes")
            let latin1 = language == "de"
            for word in words {
                let expected = Self.points(original, latin1 ? word.lowercased() : word, latin1: latin1)
                XCTAssertEqual(Self.points(copy, latin1 ? word.lowercased() : word, latin1: latin1), expected, "\(language): \(word)")
                XCTAssertTrue(expected.contains { $0 % 2 == 1 }, "\(language): \(word) has a hyphenation point")
            }
        }
    }

    func testADamagedCacheFileIsRefused() throws {
        let file = try XCTUnwrap(Hyphenator.candidates(for: "fr", in: Hyphenator.systemFolder).first { FileManager.default.fileExists(atPath: $0.path) }).path
        let original = try XCTUnwrap(hnj_hyphen_load(file))
        defer { hnj_hyphen_free(original) }
        let bytes = CompiledHyphenDictionary.write(original)
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        XCTAssertNil(CompiledHyphenDictionary.read(flipped), "a flipped byte fails the checksum")
        XCTAssertNil(CompiledHyphenDictionary.read(Array(bytes.dropLast(100))), "a short file")
        XCTAssertNil(CompiledHyphenDictionary.read(Array("presskit-hyphen-0".utf8) + bytes.dropFirst(17)), "another format")
    }

    /// The threads of a build share one dictionary per pattern file (libhyphen only reads it): their
    /// hyphenators, used at once from several threads, find the points one hyphenator alone finds.
    func testThreadsShareOneDictionaryAndHyphenateAlike() throws {
        let pools = (0..<4).map { _ in HyphenatorPool() }
        let hyphenators = try pools.map { try XCTUnwrap($0.hyphenator("fr")) }
        XCTAssertTrue(hyphenators.allSatisfy { $0.shared === hyphenators[0].shared }, "one dictionary for the four threads")
        let words = Self.words["fr"]! + ["constitutionnellement", "anticonstitutionnellement", "extraordinairement"]
        let alone = try XCTUnwrap(Hyphenator(language: "fr")).hyphenate(words.joined(separator: " "))
        XCTAssertTrue(alone.contains(Hyphenator.softHyphen), "French words are hyphenated at all")
        let expected = alone.split(separator: " ").sorted()
        nonisolated(unsafe) var results = [[Substring]](repeating: [], count: hyphenators.count * 40)
        // Each thread its own hyphenator (their word caches are their own), all on the same dictionary.
        DispatchQueue.concurrentPerform(iterations: hyphenators.count) { t in
            for k in stride(from: t, to: results.count, by: hyphenators.count) {
                // A new hyphenator's cache is empty: libhyphen is asked every time, the words in another order.
                guard let fresh = Hyphenator(language: "fr"), fresh.shared === hyphenators[t].shared else { continue }
                results[k] = fresh.hyphenate(words.shuffled().joined(separator: " ")).split(separator: " ").sorted()
            }
        }
        for result in results { XCTAssertEqual(result, expected) }
    }
}
