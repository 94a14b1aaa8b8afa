import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Text layer without fonts: language typography and dates.
final class TypographyTests: XCTestCase {
    let nnbsp = "\u{202F}", nbsp = "\u{00A0}"

    func testFrenchSpacesBeforeHighPunctuationAndInsideGuillemets() {
        let fr = Typography(language: "fr")
        XCTAssertEqual(fr.apply(["Il a dit : \"Bâtir ensemble\" ; vraiment ? Oui!"]),
                       ["Il a dit\(nbsp): «\(nnbsp)Bâtir ensemble\(nnbsp)»\(nnbsp); vraiment\(nnbsp)? Oui\(nnbsp)!"])
        XCTAssertEqual(fr.apply(["l'Australie, aujourd'hui"]), ["l’Australie, aujourd’hui"])
    }

    /// Typography reads Unicode scalars (issue 16): a letter written with a combining accent ("e" + U+0301)
    /// is still a letter before high punctuation and a closing quotation mark, and a name is still bound.
    func testDecomposedLettersAreLetters() {
        let fr = Typography(language: "fr", names: ["Cle\u{301}ment Beaune"])
        XCTAssertEqual(fr.apply(["Un cafe\u{301}; \"De\u{301}ja\u{300}\" dit Cle\u{301}ment Beaune!"]),
                       ["Un cafe\u{301}\(nnbsp); «\(nnbsp)De\u{301}ja\u{300}\(nnbsp)» dit Cle\u{301}ment\(nbsp)Beaune\(nnbsp)!"])
    }

    func testQuotesPairAcrossRuns() {
        // « is opened in one run and closed in another (an italic quote between them).
        let fr = Typography(language: "fr")
        XCTAssertEqual(fr.apply(["a déclaré : \"", "Assurer", "\"."]),
                       ["a déclaré\(nbsp): «\(nnbsp)", "Assurer", "\(nnbsp)»."])
    }

    func testNumbersKeepTheirUnitsAndMonths() {
        XCTAssertEqual(Typography(language: "fr").apply(["du 24 au 26 août, 20 % et N° 22"]),
                       ["du 24 au 26\(nbsp)août, 20\(nbsp)% et N°\(nbsp)22"])
        XCTAssertEqual(Typography(language: "en").apply(["from 24 to 26 August"]), ["from 24 to 26\(nbsp)August"])
    }

    func testAddressesAndTimesAreLeftAlone() {
        let fr = Typography(language: "fr")
        XCTAssertEqual(fr.apply(["https://a.fr/x?y=1 à 12:30"]), ["https://a.fr/x?y=1 à 12:30"])
    }

    func testEnglishCurlyQuotesAndNoFrenchSpacing() {
        XCTAssertEqual(Typography(language: "en").apply(["the theme \"Freedoms\"; the Chair's summary: yes"]),
                       ["the theme “Freedoms”; the Chair’s summary: yes"])
    }

    func testDatesPerLanguage() {
        XCTAssertEqual(DateStyle.long(Day(year: 2019, month: 5, day: 15), language: "fr"), "15 mai 2019")
        XCTAssertEqual(DateStyle.long(Day(year: 2019, month: 5, day: 1), language: "fr"), "1er mai 2019")
        XCTAssertEqual(DateStyle.long(Day(year: 2019, month: 5, day: 15), language: "en"), "15 May 2019")
        XCTAssertEqual(DateStyle.long(Day(year: 2019, month: 8, day: 26), language: "fr"), "26 août 2019")
    }

    func testInlineMarkdownRuns() {
        let runs = InlineMarkdown.runs("**Cédric O**, a *dit* [ici](https://x.fr) ")
        XCTAssertEqual(runs.map(\.text), ["Cédric O", ", a ", "dit", " ", "ici"])
        XCTAssertEqual(runs.map(\.bold), [true, false, false, false, false])
        XCTAssertEqual(runs.map(\.italic), [false, false, true, false, false])
        XCTAssertEqual(runs.last?.link, "https://x.fr")
        // Block syntax at the start of a value stays text.
        XCTAssertEqual(InlineMarkdown.runs("1. renforcer").map(\.text), ["1. renforcer"])
        XCTAssertEqual(InlineMarkdown.runs("- l'Australie").map(\.text), ["- l'Australie"])
    }
}
