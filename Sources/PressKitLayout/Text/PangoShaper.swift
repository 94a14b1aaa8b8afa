import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// Sets paragraphs in the shipped fonts: Pango/HarfBuzz shape the words (kerning, ligatures), the
/// language's break opportunities and hyphenation points give the places a line may end, and total-fit
/// line breaking (Knuth–Plass) chooses the breaks of the whole paragraph. Justified lines get their
/// spaces stretched or shrunk; a word wider than the column is broken and reported, never dropped.
public final class PangoShaper: TextShaper, @unchecked Sendable {
    public let fonts: FontLibrary
    public let units: UnitShaper
    public var breaker = LineBreaker() { didSet { rulesNumber = nil } }
    /// House hyphenation per language: lowercase word → allowed break positions (empty: never hyphenate).
    public var exceptions: [String: [String: [Int]]] = [:] { didSet { rulesNumber = nil } }
    /// Words already made into boxes and penalties, shared by the shapers of one text context (see
    /// `ParagraphSetter.addWord`).
    public let words: WordItemsCache
    /// Whether words are taken from `words` and kept there (tests compare with words made every time).
    var remembersWords = true
    /// Paragraphs already set, shared by the shapers of one text context.
    public let paragraphs: ParagraphCache
    /// The rules that decide lines besides the paragraph and its measure: the breaker's and the house hyphenation.
    struct Rules: Hashable {
        var breaker: [Double]
        var exceptions: [String: [String: [Int]]]
    }
    /// The paragraph cache's number for this shaper's rules, found on first use after a change.
    private(set) var rulesNumber: Int?
    /// Problems that did not stop the build (a word broken because it is wider than its column).
    public private(set) var warnings: [Diagnostic] = []
    /// Faces or features asked for and emulated instead (small capitals of a font without smcp).
    public private(set) var substitutions: Set<String> = []
    let hyphenators: HyphenatorPool
    /// Work done setting paragraphs (for tests that prove it linear).
    public let work = WorkCount()

    public init(fonts: FontLibrary, units: UnitShaper? = nil, hyphenators: HyphenatorPool? = nil, paragraphs: ParagraphCache? = nil,
                words: WordItemsCache? = nil) {
        self.fonts = fonts
        self.words = words ?? WordItemsCache()
        self.units = units ?? UnitShaper(fonts: fonts)
        self.paragraphs = paragraphs ?? ParagraphCache()
        self.hyphenators = hyphenators ?? HyphenatorPool()
        breaker.work = work
    }

    /// The hyphenator of a language, loaded once; nil when no dictionary is installed for it.
    func hyphenator(_ language: String) -> Hyphenator? { hyphenators.hyphenator(language) }

    public func lines(_ paragraph: Paragraph, width: Length) throws -> [ShapedLine] {
        try checkFonts(paragraph)
        let rules = rulesNumber ?? paragraphs.number(of: Rules(breaker: breaker.settings, exceptions: exceptions))
        rulesNumber = rules
        let key = ParagraphCache.Key(paragraph: paragraph, width: width.pt, rules: rules)
        if let known = paragraphs.lines(for: key) {
            warnings += known.warnings
            return known.lines
        }
        let setter = ParagraphSetter(paragraph: paragraph, width: width.pt, shaper: self)
        let lines = try setter.lines()
        warnings += setter.warnings
        paragraphs.store(lines, warnings: setter.warnings, for: key)
        return lines
    }

    /// Every face the paragraph asks for must be in the shipped fonts: fontconfig would substitute silently.
    func checkFonts(_ paragraph: Paragraph) throws {
        let style = paragraph.style
        if style.smallCaps, !fonts.hasFeature("smcp", family: style.font, weight: style.weight, italic: style.italic) {
            substitutions.insert("\(style.font) has no small capitals (smcp): Pango emulates them")
        }
        for run in paragraph.runs {
            let weight: FontWeight = run.bold && style.weight == .regular ? .bold : style.weight
            if let problem = fonts.problem(family: style.font, weight: weight, italic: run.italic || style.italic) {
                throw DiagnosticError(Diagnostic(at: paragraph.mark ?? .file(paragraph.origin), path: paragraph.field, problem,
                                                 hint: "give the style a face its family has, or a typeface of another family (`presskit fonts` lists every face)"))
            }
        }
    }
}
