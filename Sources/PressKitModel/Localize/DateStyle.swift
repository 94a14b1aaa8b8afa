import Foundation

/// Formats calendar days as a press office writes them in each language.
public enum DateStyle {
    /// "15 mai 2019", "1er mai 2019" in French; "15 May 2019" in English (day-month-year, as in the EU).
    public static func long(_ day: Day, language: String) -> String {
        let months = monthNames(language)
        let number = day.day == 1 && language == "fr" ? "1er" : day.day == 1 && language == "it" ? "1º" : String(day.day)
        switch language {
        case "de": return "\(day.day). \(months[day.month - 1]) \(day.year)"
        default: return "\(number) \(months[day.month - 1]) \(day.year)"
        }
    }

    /// "15/05/2019" in French, English and Italian, "15.05.2019" in German.
    public static func numeric(_ day: Day, language: String) -> String {
        let separator = language == "de" ? "." : "/"
        return [String(printf: "%02d", day.day), String(printf: "%02d", day.month), String(day.year)].joined(separator: separator)
    }

    /// A span of days as each language writes it: "du 24 au 26 août 2019", "24–26 August 2019",
    /// "24.–26. August 2019", "dal 24 al 26 agosto 2019"; the month or year printed once when shared.
    public static func range(_ start: Day, _ end: Day, language: String) -> String {
        guard start != end else { return long(start, language: language) }
        let sameYear = start.year == end.year, sameMonth = sameYear && start.month == end.month
        let first = sameMonth ? (language == "fr" && start.day == 1 ? "1er" : language == "de" ? "\(start.day)." : String(start.day))
            : sameYear ? dayAndMonth(start, language: language) : long(start, language: language)
        let last = long(end, language: language)
        switch language {
        case "fr": return "du \(first) au \(last)"
        case "it": return "dal \(first) al \(last)"
        default: return "\(first)\u{2013}\(last)"
        }
    }

    /// "15 mai", without the year.
    public static func dayAndMonth(_ day: Day, language: String) -> String {
        let number = language == "fr" && day.day == 1 ? "1er" : language == "de" ? "\(day.day)." : String(day.day)
        return "\(number) \(monthNames(language)[day.month - 1])"
    }

    /// The month names of the four languages presskit's documents are written in, as each writes them
    /// standing alone (checked against ICU's by the tests): a date formatter loads ICU's locale data, which
    /// costs a build more than all its dates.
    static let knownMonthNames: [String: [String]] = [
        "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
        "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    ]

    /// Month names: the known ones, else from the platform's locale data (ICU), in lower or title case as
    /// the language writes them; read once per language (a date formatter is costly to make).
    static func monthNames(_ language: String) -> [String] {
        if let known = knownMonthNames[language] { return known }
        return localeMonthNames(language)
    }

    /// Month names from the platform's locale data (ICU).
    static func localeMonthNames(_ language: String) -> [String] {
        cacheLock.lock(); defer { cacheLock.unlock() }
        if let known = cache[language] { return known }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.timeZone = TimeZone(identifier: "UTC")
        let names: [String] = formatter.standaloneMonthSymbols
        cache[language] = names
        return names
    }

    nonisolated(unsafe) private static var cache: [String: [String]] = [:]
    private static let cacheLock = NSLock()
}
