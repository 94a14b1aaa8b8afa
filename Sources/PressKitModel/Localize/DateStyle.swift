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

    /// "15 mai", without the year.
    public static func dayAndMonth(_ day: Day, language: String) -> String {
        let number = language == "fr" && day.day == 1 ? "1er" : String(day.day)
        return "\(number) \(monthNames(language)[day.month - 1])"
    }

    /// Month names from the platform's locale data (ICU), in lower or title case as the language writes
    /// them; read once per language (a date formatter is costly to make).
    static func monthNames(_ language: String) -> [String] {
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
