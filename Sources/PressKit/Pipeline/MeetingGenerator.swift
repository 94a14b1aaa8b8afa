import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Writes meeting files of a chosen size from the example's own sentences, for benchmarks and scaling
/// tests: the same kind of content, more of it.
public enum MeetingGenerator {
    /// A meeting whose press kit runs to roughly `pages` pages (themes with more paragraphs, more delegations).
    public static func meeting(basedOn example: String, pages: Int, seed: Int = 0) -> String {
        let paragraph = """
              - fr: >-
                  Les ministres ont examiné les conditions d'une coopération internationale renforcée en matière \
        d'infrastructures numériques, de protection des données personnelles et de lutte contre les contenus \
        illicites, dans le respect des droits fondamentaux et des valeurs partagées par les pays du G7 (séance \(seed)).
                en: >-
                  The ministers examined the conditions for stronger international cooperation on digital \
        infrastructures, personal data protection and the fight against illegal content, respecting fundamental \
        rights and the values shared by G7 countries (session \(seed)).

        """
        // About five paragraphs fill a page beside the rest of the press kit.
        let extra = String(repeating: paragraph, count: max(0, pages * 5 - 10))
        var text = example.replacingOccurrences(of: "    body:                    # the theme's page in the press kit\n", with: "    body:                    # the theme's page in the press kit\n" + extra)
        text = text.replacingOccurrences(of: "  number: 22\n", with: "  number: \(22 + seed)\n")
        return text
    }
}
