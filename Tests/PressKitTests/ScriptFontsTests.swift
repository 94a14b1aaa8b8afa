import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitLayout

/// The installed CJK fonts join a build only when its text may need them (issue 16: their forty faces
/// and large character sets made every font match several times slower): a Japanese name in a French
/// lead is still drawn in Noto CJK; a build without such text does not load them, and draws the same.
final class ScriptFontsTests: XCTestCase {
    func testWhichTextNeedsTheScriptFonts() {
        XCTAssertFalse(FontSources.needsScriptFonts("Réunion des ministres du G7 « Bâtir ensemble » — 15 mai"))
        XCTAssertFalse(FontSources.needsScriptFonts("Ελλάδα, Россия, العربية, עברית, ﬁ"))
        XCTAssertTrue(FontSources.needsScriptFonts("石田真敏"))
        XCTAssertTrue(FontSources.needsScriptFonts("ひらがな"))
        XCTAssertTrue(FontSources.needsScriptFonts("한국"))
    }

    func testAJapaneseNameBringsTheCJKFontsAndOtherTextDoesNot() throws {
        XCTAssertFalse(FontLibrary.scriptFolders.isEmpty, "Debian's fonts-noto-cjk must be installed (.ci/packages installs it)")
        let japanese = try Fixture.exampleVariant("secrétaire d'Etat chargé du Numérique, a présidé",
                                                   with: "secrétaire d'Etat chargé du Numérique, avec 石田真敏, a présidé")
        var withName = BuildRequest(meetingPath: japanese, languages: ["fr"], layouts: ["communique"], outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
        withName.incremental = false
        let pipeline = Pipeline(home: Fixture.home)
        let pdf = try XCTUnwrap(try pipeline.build(withName).files.first).file.path
        XCTAssertTrue(try ThemeTests.fonts(pdf).contains { $0.hasPrefix("NotoSansCJK") || $0.hasPrefix("NotoSerifCJK") }, "the name is drawn in Noto CJK")
        XCTAssertTrue(try Fixture.run(Fixture.which("pdftotext"), [pdf, "-"]).out.contains("石田真敏"))

        var plain = BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"], layouts: ["communique"], outputFolder: Fixture.temporaryFolder(), created: PDFTests.epoch)
        plain.incremental = false
        let prepared = try pipeline.documents(for: plain)
        XCTAssertFalse(prepared.fonts.scriptFonts, "no text of the example needs them")
        XCTAssertTrue(prepared.fonts.files.allSatisfy { !$0.path.contains("CJK") }, "and no CJK file is a font the PDF depends on")
        let preparedJapanese = try pipeline.documents(for: withName)
        XCTAssertTrue(preparedJapanese.fonts.scriptFonts)
    }
}
