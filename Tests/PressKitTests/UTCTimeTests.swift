import XCTest
@testable import PressKitModel

/// The calendar arithmetic that replaced a date formatter in PDF and XMP dates (issue 16): the same digits
/// as Foundation's formatter in UTC, for instants spread over five centuries, leap days and negative
/// seconds included.
final class UTCTimeTests: XCTestCase {
    func testAgreesWithTheFormatterOverFiveCenturies() {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.calendar = Calendar(identifier: .gregorian)
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        var generator = SystemRandomNumberGenerator()
        var instants: [TimeInterval] = [0, -1, 86_399, 86_400, 951_782_400, 951_868_799, 1_557_878_400, 4_107_542_399, -2_203_891_200]
        for _ in 0..<2000 { instants.append(TimeInterval(Int.random(in: -6_000_000_000...10_000_000_000, using: &generator))) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(UTCTime(date).iso, f.string(from: date), "\(seconds) s after 1970")
        }
    }

    func testPDFDigitsAndLeapDay() {
        let leap = UTCTime(Date(timeIntervalSince1970: 951_782_400 + 3723))  // 2000-02-29 01:02:03
        XCTAssertEqual(leap, UTCTime(year: 2000, month: 2, day: 29, hour: 1, minute: 2, second: 3))
        XCTAssertEqual(leap.digits, "20000229010203")
    }
}

/// The month names written in presskit for its four languages are ICU's own.
final class MonthNameTests: XCTestCase {
    func testKnownMonthNamesAreTheLocaleData() {
        for (language, names) in DateStyle.knownMonthNames {
            XCTAssertEqual(names, DateStyle.localeMonthNames(language), language)
        }
        XCTAssertEqual(DateStyle.knownMonthNames.keys.sorted(), ["de", "en", "fr", "it"])
    }
}
