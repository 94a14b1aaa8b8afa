import Foundation

/// Whole numbers as words, per language, for counts a layout prints from the data ("Trois thèmes",
/// "Three themes", "Drei Themen", "Tre temi"), and the plural a count takes. Numbers from 0 to 999 are
/// written out; larger ones stay in figures, as press offices write them.
public enum NumberWords {
    /// The grammatical gender of the noun a number qualifies, for the forms of "one" (un/une, ein/eine, un/una).
    public enum Gender: String, Sendable, CaseIterable { case masculine = "m", feminine = "f", neuter = "n" }

    /// `n` in words in `language` (fr, en, de, it); figures for other languages and beyond 999.
    public static func words(_ n: Int, language: String, gender: Gender = .masculine) -> String {
        guard (0...999).contains(n) else { return String(n) }
        switch language {
        case "fr": return french(n, gender: gender)
        case "en": return english(n)
        case "de": return german(n, gender: gender)
        case "it": return italian(n, gender: gender)
        default: return String(n)
        }
    }

    /// Whether a count takes the singular: 0 and 1 in French, 1 elsewhere.
    public static func isSingular(_ n: Int, language: String) -> Bool { language == "fr" ? n <= 1 : n == 1 }

    private static func french(_ n: Int, gender: Gender) -> String {
        let units = ["zéro", gender == .feminine ? "une" : "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
                     "onze", "douze", "treize", "quatorze", "quinze", "seize"]
        let tens = [2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"]
        func below100(_ n: Int) -> String {
            if n <= 16 { return units[n] }
            if n < 20 { return "dix-" + units[n - 10] }
            let t = n / 10, u = n % 10
            switch t {
            case 7: return "soixante" + (u == 1 ? " et onze" : "-" + below100(10 + u))
            case 8: return u == 0 ? "quatre-vingts" : "quatre-vingt-" + units[u]
            case 9: return "quatre-vingt-" + below100(10 + u)
            default: return tens[t]! + (u == 0 ? "" : u == 1 ? " et " + units[1] : "-" + units[u])
            }
        }
        let h = n / 100, r = n % 100
        guard h > 0 else { return below100(r) }
        let hundred = h == 1 ? "cent" : units[h] + (r == 0 ? " cents" : " cent")
        return r == 0 ? hundred : hundred + " " + below100(r)
    }

    private static func english(_ n: Int) -> String {
        let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        func below100(_ n: Int) -> String { n < 20 ? units[n] : tens[n / 10] + (n % 10 == 0 ? "" : "-" + units[n % 10]) }
        let h = n / 100, r = n % 100
        guard h > 0 else { return below100(r) }
        return units[h] + " hundred" + (r == 0 ? "" : " and " + below100(r))
    }

    private static func german(_ n: Int, gender: Gender) -> String {
        let units = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
                     "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
        let tens = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
        func below100(_ n: Int, alone: Bool) -> String {
            // "ein Thema", "eine Sitzung" before a noun; "eins" only when counting alone.
            if n == 1 { return alone ? (gender == .feminine ? "eine" : "ein") : "eins" }
            if n < 20 { return units[n] }
            let u = n % 10
            return (u == 0 ? "" : (u == 1 ? "ein" : units[u]) + "und") + tens[n / 10]
        }
        let h = n / 100, r = n % 100
        guard h > 0 else { return below100(r, alone: true) }
        return (h == 1 ? "ein" : units[h]) + "hundert" + (r == 0 ? "" : below100(r, alone: false))
    }

    private static func italian(_ n: Int, gender: Gender) -> String {
        let units = ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici",
                     "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"]
        let tens = ["", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"]
        func below100(_ n: Int) -> String {
            if n < 20 { return units[n] }
            let t = tens[n / 10], u = n % 10
            switch u {
            case 0: return t
            case 1, 8: return String(t.dropLast()) + units[u]  // ventuno, ventotto
            case 3: return t + "tré"                              // ventitré
            default: return t + units[u]
            }
        }
        let h = n / 100, r = n % 100
        if h == 0, r == 1 { return gender == .feminine ? "una" : "un" }  // before a noun: un tema, una sessione
        guard h > 0 else { return below100(r) }
        let hundred = h == 1 ? "cento" : units[h] + "cento"
        guard r > 0 else { return hundred }
        let rest = below100(r)
        return (rest.hasPrefix("o") ? String(hundred.dropLast()) : hundred) + rest  // centotto, centottanta
    }
}
