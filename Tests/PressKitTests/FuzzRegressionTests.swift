import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Every input the fuzzers found trouble with, and the seed corpus, replayed through both fuzz targets:
/// each must end in a result or in diagnostics. (Run under AddressSanitizer by `presskit-fuzz`.)
final class FuzzRegressionTests: XCTestCase {
    func inputs(_ folder: String) throws -> [URL] {
        let url = Fixture.folder.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted().map { url.appendingPathComponent($0) }
    }

    func testRegressionsAndCorpusReplay() throws {
        let pipeline = Pipeline(home: Fixture.home)
        let files = try inputs("fuzz-regressions") + inputs("fuzz-corpus")
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for file in files {
            let data = try Data(contentsOf: file)
            FuzzTargets.load(data)
            FuzzTargets.build(data, home: Fixture.home, pipeline: pipeline)
        }
    }

    func testTheHyphenationOverreadFoundByTheFuzzerIsGone() throws {
        // libhyphen read words as C strings past their end; the word is now NUL-terminated. Same points as the
        // dictionary gives for the word alone, whatever bytes follow it in memory.
        // Expected values checked by calling libhyphen directly (Python ctypes, NUL-terminated words).
        let fr = try XCTUnwrap(Hyphenator(language: "fr"))
        for _ in 0..<50 {
            XCTAssertEqual(fr.points("ministres"), [2])  // mi-nistres
            XCTAssertEqual(fr.points("coopération"), [2, 5, 7])  // co-opé-ra-tion
        }
    }
}
