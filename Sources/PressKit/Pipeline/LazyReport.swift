import Foundation
import PressKitLayout

/// A typographic report as made, or as the JSON a build kept it as, decoded when first read: a no-change
/// rebuild that prints no report never starts Foundation's JSON decoder, whose first use costs about a
/// millisecond (the type look-ups of every Codable type it meets).
final class LazyReport: @unchecked Sendable {
    private let lock = NSLock()
    private var value: TypographicReport?
    private var json: (data: Data, document: String)?

    init(_ value: TypographicReport) { self.value = value }

    /// The report kept as `data` for `document`.
    init(json data: Data, document: String) { json = (data, document) }

    var report: TypographicReport {
        lock.withLock {
            if let value { return value }
            var decoded: TypographicReport
            if let json, let report = try? JSONDecoder().decode(TypographicReport.self, from: json.data) {
                decoded = report
            } else {
                // Only an edited cache file gets here: say so rather than show an empty report as a clean one.
                decoded = TypographicReport(document: json?.document ?? "")
                decoded.warnings = ["the report kept by the last build could not be read: build with --force to make it again"]
            }
            value = decoded
            json = nil
            return decoded
        }
    }
}
