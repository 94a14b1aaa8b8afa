import Foundation

/// A moment given with its offset from UTC, as an embargo is: 2019-05-15T12:00+02:00.
public struct Instant: Equatable, Sendable {
    public var day: Day
    public var hour: Int, minute: Int
    /// Offset from UTC in seconds (+02:00 is 7,200).
    public var offset: Int

    /// Parses `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)`; nil when malformed or impossible.
    public init?(parsing text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = SchemaValidator.parseDay(String(parts[0])) else { return nil }
        var time = String(parts[1])
        var offset = 0
        if time.hasSuffix("Z") { time.removeLast() }
        else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...].split(separator: ":")
            guard zone.count == 2, let h = Int(zone[0]), let m = Int(zone[1]), h < 15, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (time[sign] == "-" ? -1 : 1)
            time = String(time[..<sign])
        } else { return nil }
        let hm = time.split(separator: ":")
        guard hm.count >= 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m),
              hm[0].count == 2, hm[1].count == 2 else { return nil }
        self.day = day; self.hour = h; self.minute = m; self.offset = offset
    }

    /// "15 mai 2019 à 12 h", "15 May 2019, 12:00 CEST", "15. Mai 2019, 12:00 Uhr", "15 maggio 2019 alle 12:00".
    public func formatted(language: String) -> String {
        let date = DateStyle.long(day, language: language)
        let hhmm = String(printf: "%02d:%02d", hour, minute)
        switch language {
        case "fr": return "\(date) à \(hour) h" + (minute == 0 ? "" : String(printf: " %02d", minute))
        case "de": return "\(date), \(hhmm) Uhr"
        case "it": return "\(date) alle \(hhmm)"
        default: return "\(date), \(hhmm) \(zoneName)"
        }
    }

    /// The usual name of the offset in Europe and North America, else UTC±HH:MM.
    var zoneName: String {
        let names = [0: "UTC", 3600: "CET", 7200: "CEST", -14400: "EDT", -18000: "EST", -21600: "CST", -25200: "MST", -28800: "PST", 32400: "JST"]
        if let n = names[offset] { return n }
        return "UTC" + (offset < 0 ? "-" : "+") + String(printf: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
    }
}
