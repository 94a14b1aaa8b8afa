import Foundation

/// A time of day as the data writes it (`9:30`, `14:05`), printed as each language writes it.
public struct ClockTime: Equatable, Sendable {
    public var hour: Int, minute: Int

    /// `H:MM` or `HH:MM`, 0:00 to 23:59.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
        hour = h; minute = m
    }

    /// "9 h 30", "9 h" in French; "9:30" in English and Italian; "9:30 Uhr" in German (no-break spaces).
    public func formatted(language: String) -> String {
        let mm = String(printf: "%02d", minute)
        switch language {
        // No-break spaces: a time is never split across lines.
        case "fr": return minute == 0 ? "\(hour)\u{00A0}h" : "\(hour)\u{00A0}h\u{00A0}\(mm)"
        case "de": return "\(hour):\(mm)\u{00A0}Uhr"
        default: return "\(hour):\(mm)"
        }
    }
}
