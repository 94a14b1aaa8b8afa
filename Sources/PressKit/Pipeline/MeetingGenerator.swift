import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Writes meeting files of a chosen size from the example's own sentences, for benchmarks and scaling
/// tests: the same kind of content, more of it.
public enum MeetingGenerator {
    /// A meeting whose press kit runs to roughly `pages` pages (themes with more paragraphs, more delegations).
    /// With `distinct`, its paragraphs are five different ones in turn, each numbered, so no two are alike
    /// (set one by one, not found in the paragraph cache); otherwise one paragraph is repeated.
    public static func meeting(basedOn example: String, pages: Int, seed: Int = 0, distinct: Bool = false) -> String {
        // About five paragraphs fill a page beside the rest of the press kit.
        let count = max(0, pages * 5 - 10)
        let extra = distinct ? (0..<count).map { paragraph(variant: $0 % variants.count, number: "\(seed).\($0 + 1)") }.joined()
                             : String(repeating: paragraph(variant: 0, number: String(seed)), count: count)
        var text = example.replacingOccurrences(of: "    body:                    # the theme's page in the press kit\n", with: "    body:                    # the theme's page in the press kit\n" + extra)
        text = text.replacingOccurrences(of: "  number: 22\n", with: "  number: \(22 + seed)\n")
        return text
    }

    /// Paragraphs in French and English in the example's register; the first is the repeated one.
    static let variants: [(fr: String, en: String)] = [
        ("Les ministres ont examiné les conditions d'une coopération internationale renforcée en matière d'infrastructures numériques, de protection des données personnelles et de lutte contre les contenus illicites, dans le respect des droits fondamentaux et des valeurs partagées par les pays du G7 (séance NUMBER).",
         "The ministers examined the conditions for stronger international cooperation on digital infrastructures, personal data protection and the fight against illegal content, respecting fundamental rights and the values shared by G7 countries (session NUMBER)."),
        ("La présidence a rappelé que l'accès de tous à une connectivité de qualité demeure la condition première d'une économie numérique inclusive, et que les investissements publics et privés doivent se compléter sur l'ensemble des territoires, y compris les plus isolés (point NUMBER).",
         "The presidency recalled that access for all to good connectivity remains the first condition of an inclusive digital economy, and that public and private investment must complement each other across every territory, the most remote included (item NUMBER)."),
        ("Les délégations ont salué les travaux menés depuis la réunion précédente sur l'intelligence artificielle, en particulier les recommandations relatives à la transparence des algorithmes, à l'évaluation des risques et à la formation des agents publics (point NUMBER).",
         "Delegations welcomed the work done since the previous meeting on artificial intelligence, in particular the recommendations on the transparency of algorithms, the assessment of risks and the training of public servants (item NUMBER)."),
        ("Un groupe de travail associant les régulateurs nationaux rendra ses conclusions avant la fin de l'année ; il proposera des principes communs pour la portabilité des données et l'interopérabilité des services (point NUMBER).",
         "A working group of national regulators will report before the end of the year; it will propose common principles for data portability and the interoperability of services (item NUMBER)."),
        ("Les ministres se sont engagés à soutenir les petites et moyennes entreprises dans leur transformation numérique, notamment par des programmes de formation, des guichets uniques et un meilleur accès aux financements, publics comme privés (point NUMBER).",
         "The ministers undertook to support small and medium-sized enterprises in their digital transformation, notably through training programmes, one-stop shops and better access to funding, public and private alike (item NUMBER)."),
    ]

    /// One paragraph of the theme's body, in the example's indentation.
    static func paragraph(variant: Int, number: String) -> String {
        let (fr, en) = variants[variant]
        return """
              - fr: >-
                  \(fr.replacingOccurrences(of: "NUMBER", with: number))
                en: >-
                  \(en.replacingOccurrences(of: "NUMBER", with: number))

        """
    }
}
