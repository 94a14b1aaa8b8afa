import XCTest
import Foundation
@testable import PressKitModel

/// `TextCase`: without ICU where Unicode's default mapping is the language's, the same letters as ICU's
/// locale-aware mapping; with the locale where it is not.
final class TextCaseTests: XCTestCase {
    /// Every scalar below the Greek block alone and after a letter, and words of the example's languages,
    /// in the languages that keep the default mapping: the standard library's mapping is ICU's.
    func testLatinTextCasesAsICUDoesInLanguagesWithoutRulesOfTheirOwn() {
        var samples = ["numérique", "Œuvre", "straße", "Maß", "ĳssel", "ŉ", "ǰ", "ﬁ", "déjà vu", "Ærø", "Łódź", "ÇA", "Ǆemal", "ǅ", "ǆ",
                       "e\u{301}té", "i\u{307}", "İ", "l\u{2019}Union\u{202F}:", "«\u{202F}déjà\u{202F}»", "1\u{2013}2 €", "Ⅻ", "ⓐ"]
        // Latin and its marks; then punctuation, spaces, currency and symbols no mapping changes (French
        // typography's U+202F and U+2019 among them), and the letters beyond (left to the locale).
        for v in Array(0x20..<0x370) + Array(0x2000..<0x2100) + Array(0x2190..<0x2200) + Array(0x0400..<0x0460) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            samples.append(String(scalar))
            samples.append("a" + String(scalar) + "z")
        }
        var compared = 0
        for language in ["fr", "en", "de", "it", "es", "nl", "pt", "fr-CA", "en_GB"] {
            for text in samples where TextCase.isDefault(text, language: language) {
                XCTAssertEqual(TextCase.upper(text, language: language), text.uppercased(with: Locale(identifier: language)), "upper \(text) in \(language)")
                XCTAssertEqual(TextCase.lower(text, language: language), text.lowercased(with: Locale(identifier: language)), "lower \(text) in \(language)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 9 * 2200)
    }

    /// Turkish, Azerbaijani, Lithuanian and Greek have rules of their own, and Greek text in any language
    /// goes to the locale: each as ICU maps it.
    func testTailoredLanguagesAndOtherScriptsUseTheLocale() {
        XCTAssertEqual(TextCase.upper("istanbul", language: "tr"), "İSTANBUL")
        XCTAssertEqual(TextCase.lower("DIŞ", language: "tr"), "dış")
        XCTAssertEqual(TextCase.upper("Αθήνα", language: "el"), "ΑΘΗΝΑ", "Greek capitals drop the accent")
        XCTAssertFalse(TextCase.isDefault("Αθήνα", language: "fr"), "Greek text is mapped by the locale, whatever the language")
        XCTAssertEqual(TextCase.lower("ΟΔΟΣ", language: "fr"), "ΟΔΟΣ".lowercased(with: Locale(identifier: "fr")), "final sigma as ICU writes it")
        XCTAssertFalse(TextCase.isDefault("istanbul", language: "tr-TR"))
        XCTAssertTrue(TextCase.isDefault("istanbul", language: "fr"))
        XCTAssertTrue(TextCase.isDefault("l\u{2019}Union\u{202F}:", language: "fr"), "French punctuation keeps the default mapping")
        XCTAssertFalse(TextCase.isDefault("Москва", language: "fr"), "Cyrillic letters go to the locale")
    }
}
