import Foundation

/// A phone number written once in international form (`+33 1 53 18 43 10`), printed by its country's
/// convention: nationally (01 53 18 43 10, 030 18 17 0, 06 3691 1) or internationally.
public struct PhoneNumber: Equatable, Sendable {
    /// The country calling code (33) and the rest of the number's digits, grouped as written.
    public var countryCode: String
    public var groups: [String]

    /// The country codes whose national form adds a trunk prefix 0 (France, Germany, the United Kingdom,
    /// Belgium, the Netherlands, Switzerland, Austria…); Italy, Spain and others dial the number as it is.
    static let trunkZero: Set<String> = ["33", "49", "44", "32", "31", "41", "43", "30", "352", "353", "90", "61", "64", "81", "82", "86", "91", "972", "20", "212", "216"]
    /// The calling codes of one or two digits (others are three): enough to read a written number.
    static let shortCodes: Set<String> = ["1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
                                          "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90",
                                          "91", "92", "93", "94", "95", "98"]

    /// `+CC rest…`, spaces between groups; nil for a number that is not international.
    public init?(parsing text: String) {
        let t = text.trimmingBlanks()
        guard t.hasPrefix("+") else { return nil }
        let parts = t.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "." || $0 == "-" }).map(String.init)
        guard let first = parts.first, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        var code = first, rest = Array(parts.dropFirst())
        // "+33153184310" written without spaces: the code is its known prefix.
        if rest.isEmpty {
            guard let known = [1, 2, 3].map({ String(first.prefix($0)) }).first(where: { Self.shortCodes.contains($0) || $0.count == 3 }) else { return nil }
            code = known; rest = [String(first.dropFirst(known.count))]
        }
        guard !rest.isEmpty, rest.joined().count >= 4 else { return nil }
        countryCode = code; groups = rest
    }

    /// The languages the number's country writes in, for which its national form is printed by default.
    public var countryLanguages: Set<String> {
        let languages: [String: Set<String>] = ["33": ["fr"], "49": ["de"], "39": ["it"], "44": ["en"], "1": ["en"], "32": ["fr", "nl", "de"],
                                               "41": ["de", "fr", "it"], "43": ["de"], "352": ["fr", "de"], "34": ["es"], "31": ["nl"], "30": ["el"]]
        return languages[countryCode] ?? []
    }

    /// "+33 1 53 18 43 10".
    public var international: String { "+" + ([countryCode] + groups).joined(separator: " ") }

    /// As dialled within its country: a trunk 0 where the country has one, the groups as written.
    public var national: String {
        guard Self.trunkZero.contains(countryCode) else { return groups.joined(separator: " ") }
        var groups = self.groups
        // France writes five pairs: 01 53 18 43 10.
        if countryCode == "33" {
            let digits = "0" + groups.joined()
            if digits.count == 10 { return stride(from: 0, to: 10, by: 2).map { i in String(Array(digits)[i..<i + 2]) }.joined(separator: " ") }
        }
        groups[0] = "0" + groups[0]
        return groups.joined(separator: " ")
    }
}
