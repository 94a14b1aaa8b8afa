import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitLayout

/// House identities (issue 15): a theme file changes the colours and typefaces of every document; fonts come
/// from the meeting's fonts/, --font-path, Assets/fonts, or an installed family named by a theme.
final class ThemeTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// Builds `meeting` in `theme` into a fresh folder; the PDFs written.
    static func build(_ meeting: String, theme: String?, layouts: [String]? = nil, fontFolders: [URL] = []) throws -> [String] {
        var request = BuildRequest(meetingPath: meeting, layouts: layouts, outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
        request.theme = theme
        request.fontFolders = fontFolders
        return try pipeline.build(request).files.map(\.file.path)
    }

    /// The embedded fonts of a PDF, as `pdffonts` names them (subset prefix removed).
    static func fonts(_ pdf: String) throws -> Set<String> {
        let lines = try Fixture.run(Fixture.which("pdffonts"), [pdf]).out.split(separator: "\n").dropFirst(2)
        return Set(lines.compactMap { $0.split(separator: " ").first.map { String($0.split(separator: "+").last ?? $0) } })
    }

    /// How many pixels of page 1 are within 40 of `rgb` in every channel (rendered at 30 dpi by pdftoppm).
    static func pixels(near rgb: (Int, Int, Int), in pdf: String) throws -> Int {
        let prefix = Fixture.temporaryFolder().appendingPathComponent("page").path
        _ = try Fixture.run(Fixture.which("pdftoppm"), ["-r", "30", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, prefix])
        let image = try VisualTests.decode(try Data(contentsOf: URL(fileURLWithPath: prefix + ".png")))
        var count = 0
        // Cairo's image data is B, G, R.
        for i in stride(from: 0, to: image.data.count, by: 3)
        where abs(Int(image.data[i + 2]) - rgb.0) < 40 && abs(Int(image.data[i + 1]) - rgb.1) < 40 && abs(Int(image.data[i]) - rgb.2) < 40 {
            count += 1
        }
        return count
    }

    /// Every example builds in both shipped identities with no other change, and each built-in layout's
    /// first page changes colour and typeface: many more pixels of the default's blue in the default than in
    /// the classic, and of the classic's green the other way round (logos and photos are in both, so they
    /// count on both sides); Inter embedded in one, Linux Libertine in the other.
    func testEveryExampleBuildsInBothIdentitiesAndTheThemeRecoloursAndRetypesEachDocument() throws {
        let blue = (0x00, 0x00, 0x91), green = (0x1D, 0x4B, 0x3C)
        var checked = 0
        for (name, path) in ExamplesTests.examples {
            let ownLayouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts").path
            let classic = try Self.build(path, theme: "classic"), plain = try Self.build(path, theme: nil)
            XCTAssertEqual(classic.map { URL(fileURLWithPath: $0).lastPathComponent }, plain.map { URL(fileURLWithPath: $0).lastPathComponent })
            for (a, b) in zip(plain, classic) {
                let layout = URL(fileURLWithPath: a).lastPathComponent.split(separator: ".").first.map(String.init) ?? ""
                // A meeting's own layout keeps the look it writes itself.
                if FileManager.default.fileExists(atPath: ownLayouts + "/\(layout).yaml") { continue }
                let fonts = (plain: try Self.fonts(a), classic: try Self.fonts(b))
                XCTAssertTrue(fonts.plain.contains { $0.hasPrefix("Inter") } && !fonts.plain.contains { $0.hasPrefix("LinLibertine") }, "\(name) \(layout): \(fonts.plain)")
                XCTAssertTrue(fonts.classic.contains { $0.hasPrefix("LinLibertineO") } && !fonts.classic.contains { $0.hasPrefix("Inter") }, "\(name) \(layout): \(fonts.classic)")
                let blues = (plain: try Self.pixels(near: blue, in: a), classic: try Self.pixels(near: blue, in: b))
                let greens = (plain: try Self.pixels(near: green, in: a), classic: try Self.pixels(near: green, in: b))
                XCTAssertGreaterThan(blues.plain, blues.classic + 20, "\(name) \(layout): the default's blue text and rules")
                XCTAssertGreaterThan(greens.classic, greens.plain + 20, "\(name) \(layout): the classic's green text and rules")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 15, "every built-in layout of every example, in every language")
    }

    /// A ligature a font keeps in the private-use area (Linux Libertine's "tt", at U+E03C) copies as its
    /// letters: the finisher gives the glyph the letters of Cairo's /ActualText for it. Every PDF of the
    /// example in the classic identity extracts with no private-use character or presentation form.
    func testALigatureInThePrivateUseAreaCopiesAsItsLetters() throws {
        var words = ""
        for pdf in try Self.build(Fixture.example.path, theme: "classic") {
            let text = try Fixture.run(Fixture.which("pdftotext"), [pdf, "-"]).out
            let unreadable = text.unicodeScalars.filter { (0xE000...0xF8FF).contains($0.value) || (0xFB00...0xFDFF).contains($0.value) }
            XCTAssertTrue(unreadable.isEmpty, "\(URL(fileURLWithPath: pdf).lastPathComponent): \(unreadable.map { String(format: "U+%04X", $0.value) })")
            words += text
        }
        XCTAssertTrue(words.contains("la lutte contre"), "the tt ligature reads tt")
    }

    /// Fonts in the meeting folder's fonts/ are taken before an installed family of the same name: the
    /// build reads the copies (its record of inputs names them), never the system's files.
    func testAFontInTheMeetingsFontsFolderIsUsedAndEmbedded() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: classic\nlanguages: [fr, en]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let fonts = folder.appendingPathComponent("fonts")
        try FileManager.default.createDirectory(at: fonts, withIntermediateDirectories: true)
        let installed = "/usr/share/fonts/opentype/linux-libertine"
        for face in ["R", "RI", "RZ", "RZI", "RB", "RBI"] {
            try FileManager.default.copyItem(atPath: "\(installed)/LinLibertine_\(face).otf", toPath: fonts.appendingPathComponent("LinLibertine_\(face).otf").path)
        }
        let out = Fixture.temporaryFolder()
        var request = BuildRequest(meetingPath: path, languages: ["fr"], layouts: ["communique"], outputFolder: out, created: PDFTests.epoch)
        request.incremental = true
        let pdf = try XCTUnwrap(try Self.pipeline.build(request).files.first).file.path
        XCTAssertTrue(try Self.fonts(pdf).contains { $0.hasPrefix("LinLibertineO") })
        let record = try String(contentsOf: out.appendingPathComponent(folder.lastPathComponent).appendingPathComponent(".presskit-cache.json"), encoding: .utf8)
        XCTAssertTrue(record.contains(fonts.appendingPathComponent("LinLibertine_R.otf").path.replacingOccurrences(of: "/", with: "\\/")), "the meeting's copy was read")
        XCTAssertFalse(record.contains("linux-libertine"), "the installed family was not")
    }

    /// Several meetings share one theme file by its path, relative to the meeting file.
    func testAThemeFileSharedByPath() throws {
        let shared = Fixture.temporaryFolder()
        try FileManager.default.copyItem(at: Fixture.home.layouts.appendingPathComponent("themes/classic.yaml"), to: shared.appendingPathComponent("ministere.yaml"))
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: \(shared.path)/../\(shared.lastPathComponent)/ministere.yaml\nlanguages: [fr, en]")
        let pdf = try XCTUnwrap(try Self.build(path, theme: nil, layouts: ["communique"]).first)
        XCTAssertTrue(try Self.fonts(pdf).contains { $0.hasPrefix("LinLibertineO") })
        let relative = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: ../nulle-part/ministere.yaml\nlanguages: [fr, en]")
        let message = try Fixture.refused(relative)
        XCTAssertTrue(message.contains("meeting.yaml:\(try Fixture.line(of: "theme:", in: relative)):8: error: theme: no theme file at "), message)
    }

    /// A theme naming a family found nowhere fails `check` at the theme's line, naming the family and where
    /// it was looked for; nothing is built.
    func testAThemeNamingAMissingFamilyFailsCheckAtItsLine() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: maison\nlanguages: [fr, en]")
        let themes = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        let theme = try String(contentsOfFile: Fixture.home.layouts.appendingPathComponent("themes/default.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "heading: {family: Inter, weight: bold}", with: "heading: {family: Garamond Nulle Part, weight: bold}")
        let file = themes.appendingPathComponent("maison.yaml")
        try theme.write(to: file, atomically: true, encoding: .utf8)
        let line = try Fixture.line(of: "Garamond Nulle Part", in: file.path)
        let message = try Fixture.refused(path)
        XCTAssertTrue(message.contains("maison.yaml:\(line):"), message)
        XCTAssertTrue(message.contains("the font family `Garamond Nulle Part` is in none of"), message)
    }

    /// A face a theme's typeface or a style asks for and its family has not is an error at the line that
    /// asks for it (the theme's, the style's), all of them at once, naming the faces the family has.
    func testAFaceTheFamilyHasNotIsAnErrorWhereItIsAskedFor() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: maison\nlanguages: [fr, en]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Layouts/themes"), withIntermediateDirectories: true)
        let theme = folder.appendingPathComponent("Layouts/themes/maison.yaml")
        try String(contentsOfFile: Fixture.home.layouts.appendingPathComponent("themes/default.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "emphasis: {family: Inter, weight: semibold}", with: "emphasis: {family: Inter, weight: semibold, italic: true}")
            .write(to: theme, atomically: true, encoding: .utf8)
        let layout = folder.appendingPathComponent("Layouts/communique.yaml")
        let builtIn = try String(contentsOfFile: Fixture.home.layouts.appendingPathComponent("communique.yaml").path, encoding: .utf8)
        XCTAssertTrue(builtIn.contains("  footer:    {font: $fonts.text,"))
        try builtIn.replacingOccurrences(of: "  footer:    {font: $fonts.text,", with: "  footer:    {font: $fonts.text, weight: bold, italic: false, size: 8pt, small: x,")
            .replacingOccurrences(of: ", small: x,", with: ",").replacingOccurrences(of: "size: 8pt, size: 7.5pt", with: "size: 7.5pt")
            .replacingOccurrences(of: "  footer:    {font: $fonts.text, weight: bold, italic: false,", with: "  footer:    {font: Inter, weight: light, italic: false,")
            .write(to: layout, atomically: true, encoding: .utf8)
        let check = try Fixture.presskit(["check", path])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.err.contains("maison.yaml:\(try Fixture.line(of: "emphasis:", in: theme.path)):"), check.err)
        XCTAssertTrue(check.err.contains("the typeface `$fonts.emphasis` asks for `Inter` semibold italic, a face the family has not (it has: "), check.err)
        XCTAssertTrue(check.err.contains("communique.yaml:\(try Fixture.line(of: "  footer:    {font: Inter, weight: light", in: layout.path)):"), check.err)
        XCTAssertTrue(check.err.contains("the style `footer` asks for `Inter` light, a face the family has not"), check.err)
        // The styles using the theme's faulty typeface are not each reported again.
        XCTAssertEqual(check.err.components(separatedBy: "semibold italic, a face").count - 1, 1, check.err)
    }

    /// A text colour too pale on white for WCAG 2.2 AA is a warning of check and build, at the style's colour,
    /// with the contrast; the shipped themes raise none.
    func testAPaleTextColourIsAContrastWarning() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "theme: maison\nlanguages: [fr, en]")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Layouts/themes"), withIntermediateDirectories: true)
        let theme = try String(contentsOfFile: Fixture.home.layouts.appendingPathComponent("themes/default.yaml").path, encoding: .utf8)
        XCTAssertTrue(theme.contains("caption: \"#555555\""))
        try theme.replacingOccurrences(of: "caption: \"#555555\"", with: "caption: \"#AAAAAA\"")
            .write(to: folder.appendingPathComponent("Layouts/themes/maison.yaml"), atomically: true, encoding: .utf8)
        let check = try Fixture.presskit(["check", path])
        XCTAssertEqual(check.status, 0, "a warning, not an error: \(check.err)")
        let all = check.out + check.err
        XCTAssertTrue(all.contains("sets text in #AAAAAA on white: a contrast of 2.3:1, where WCAG 2.2 AA asks 4.5:1"), all)
        XCTAssertTrue(all.contains("press-kit.yaml:\(try Fixture.line(of: "  caption:", in: Fixture.home.layouts.appendingPathComponent("press-kit.yaml").path)):"), all)
        for theme in ["default", "classic"] {
            let clean = try Fixture.presskit(["check", Fixture.example.path, "--theme", theme])
            XCTAssertFalse((clean.out + clean.err).contains("contrast"), "\(theme): \(clean.out)\(clean.err)")
        }
    }

    /// A token the theme does not have is an error at its place in the layout, with the nearest token.
    func testAnUnknownTokenIsNamedAtItsLineWithTheNearestOne() throws {
        let path = try Fixture.exampleVariant("languages: [fr, en]", with: "languages: [fr, en]")
        let layouts = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: true)
        let layout = try String(contentsOfFile: Fixture.home.layouts.appendingPathComponent("communique.yaml").path, encoding: .utf8)
        XCTAssertTrue(layout.contains("color: $colors.highlight"))
        let file = layouts.appendingPathComponent("communique.yaml")
        try layout.replacingOccurrences(of: "color: $colors.highlight", with: "color: $colors.hilight").write(to: file, atomically: true, encoding: .utf8)
        let message = try Fixture.refused(path)
        XCTAssertTrue(message.contains("communique.yaml:\(try Fixture.line(of: "$colors.hilight", in: file.path)):"), message)
        XCTAssertTrue(message.contains("the theme `default` has no token `$colors.hilight`"), message)
        let full = try Fixture.presskit(["check", path]).err + (try Fixture.presskit(["check", path]).out)
        XCTAssertTrue(full.contains("did you mean `$colors.highlight`?"), full)
    }

    /// `presskit fonts` lists the families a build will use, the installed one a theme asks for included,
    /// with its files; the faces it lists are the ones the PDF embeds.
    func testPresskitFontsListsWhatTheBuildUses() throws {
        let listing = try Fixture.presskit(["fonts", Fixture.example.path, "--theme", "classic"])
        XCTAssertEqual(listing.status, 0, listing.err)
        XCTAssertTrue(listing.out.contains("installed on the system: Linux Libertine O"), listing.out)
        XCTAssertTrue(listing.out.contains("/usr/share/fonts/opentype/linux-libertine/LinLibertine_RZ.otf"), listing.out)
        XCTAssertTrue(listing.out.contains("$fonts.heading: Linux Libertine O (semibold)"), listing.out)
        let pdf = try XCTUnwrap(try Self.build(Fixture.example.path, theme: "classic", layouts: ["communique"]).first)
        XCTAssertTrue(try Self.fonts(pdf).contains("LinLibertineOZ"), "the semibold face listed is the one embedded")
        let plain = try Fixture.presskit(["fonts"])
        XCTAssertFalse(plain.out.contains("Libertine"), "without a meeting: presskit's own fonts and default theme")
        XCTAssertTrue(plain.out.contains("Inter"), plain.out)
    }
}
