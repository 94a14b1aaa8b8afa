import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitLayout

/// The no-change check's own cache (`.presskit-cache.quick`): it answers a rebuild where nothing changed
/// exactly as the JSON cache would, without it; it refuses when an input or a PDF changed; a cache holding
/// warnings has none; a damaged one is not read; a report kept in it is decoded only when read.
final class QuickCacheTests: XCTestCase {
    func request(_ path: String, out: URL) -> BuildRequest { RebuildTests.request(path, out: out) }

    /// A communiqué-only meeting built once, then checked once after the stamps stopped being racy (the
    /// check that renews them writes both caches).
    func builtAndChecked() throws -> (path: String, folder: URL, first: BuildResult) {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")
        let built = try Pipeline(home: Fixture.home).build(request(path, out: out))
        XCTAssertEqual(built.filter { !$0.unchanged }.count, 2)
        usleep(120_000)
        let checked = try Pipeline(home: Fixture.home).build(request(path, out: out))
        XCTAssertTrue(checked.allSatisfy(\.unchanged))
        let folder = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        XCTAssertTrue(FileManager.default.fileExists(atPath: QuickCache.file(in: folder).path), "the quick cache is written")
        return (path, folder, checked)
    }

    func testItAnswersANoChangeRebuildAloneAsTheJSONCacheDoes() throws {
        let (path, folder, fromJSON) = try builtAndChecked()
        try FileManager.default.removeItem(at: BuildCache.file(in: folder))
        let fromQuick = try Pipeline(home: Fixture.home).build(request(path, out: folder.deletingLastPathComponent()))
        XCTAssertEqual(fromQuick.count, 2)
        XCTAssertTrue(fromQuick.allSatisfy(\.unchanged), "answered without the JSON cache")
        for (a, b) in zip(fromJSON, fromQuick) {
            XCTAssertEqual([a.file, a.layout, a.language, "\(a.pages)", "\(a.bytes)"] as [AnyHashable], [b.file, b.layout, b.language, "\(b.pages)", "\(b.bytes)"])
            XCTAssertEqual(a.report, b.report)
            XCTAssertGreaterThan(b.report.lines, 10)
        }
    }

    func testAPDFChangedSinceIsMadeAgain() throws {
        let (path, folder, _) = try builtAndChecked()
        try FileManager.default.removeItem(at: BuildCache.file(in: folder))
        let pdf = folder.appendingPathComponent("communique.en.pdf")
        let handle = try FileHandle(forWritingTo: pdf)
        handle.seekToEndOfFile()
        handle.write(Data("%".utf8))
        try handle.close()
        let next = try Pipeline(home: Fixture.home).build(request(path, out: folder.deletingLastPathComponent()))
        XCTAssertFalse(next.first { $0.file.lastPathComponent == "communique.en.pdf" }?.unchanged ?? true, "a changed PDF was left as it was")
    }

    func testAnEditedMeetingIsBuiltAgain() throws {
        let (path, folder, _) = try builtAndChecked()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "des trois thèmes suivants", with: "des trois grands thèmes suivants").write(toFile: path, atomically: true, encoding: .utf8)
        let next = try Pipeline(home: Fixture.home).build(request(path, out: folder.deletingLastPathComponent()))
        XCTAssertTrue(next.contains { !$0.unchanged }, "an edit was not seen")
    }

    func testADamagedQuickCacheIsNotRead() throws {
        let (path, folder, _) = try builtAndChecked()
        let file = QuickCache.file(in: folder)
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\tfile\t", with: "\tfiel\t")
        try text.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertNil(QuickCache.load(from: folder))
        try "presskit quick cache 1\nidentity\tx".write(to: file, atomically: true, encoding: .utf8)  // cut short
        XCTAssertNil(QuickCache.load(from: folder))
        // The JSON cache answers instead.
        XCTAssertTrue(try Pipeline(home: Fixture.home).build(request(path, out: folder.deletingLastPathComponent())).allSatisfy(\.unchanged))
    }

    func testACacheWithWarningsHasNoQuickCopy() throws {
        var cache = BuildCache()
        cache.identity = "id"
        cache.outputs = [.init(name: "communique.fr", layout: "communique", languages: "fr")]
        let written = BuildInputs.Record(stamp: FileStamp(kind: .file, size: 10), takenAt: 1, digest: "d")
        cache.entries["communique.fr"] = .init(fingerprint: "f", pages: 1, bytes: 10, report: TypographicReport(document: "communique.fr"), written: written)
        XCTAssertNotNil(QuickCache.text(of: cache))
        cache.entries["communique.fr"]?.warnings = [Diagnostic(.warning, at: .file("meeting.yaml"), "a warning")]
        XCTAssertNil(QuickCache.text(of: cache))
        cache.entries["communique.fr"]?.warnings = []
        cache.warnings = [Diagnostic(.warning, at: .file("meeting.yaml"), "a warning")]
        XCTAssertNil(QuickCache.text(of: cache))
    }

    func testNamesWithTabsLineBreaksAndPercentSignsComeBackWhole() throws {
        for name in ["plain", "tab\there", "two\nlines", "100 % sûr", "%09 literal", "cr\r"] {
            XCTAssertEqual(QuickCache.unescaped(QuickCache.escaped(name)), name)
            XCTAssertFalse(QuickCache.escaped(name).contains { $0 == "\t" || $0.isNewline }, name)
        }
    }

    func testAReportThatCannotBeReadSaysSo() {
        let bad = LazyReport(json: Data("{\"document\": 3}".utf8), document: "communique.fr")
        XCTAssertEqual(bad.report.document, "communique.fr")
        XCTAssertTrue(bad.report.warnings.first?.contains("could not be read") == true)
        let good = LazyReport(json: try! JSONEncoder().encode(TypographicReport(document: "kit")), document: "x")
        XCTAssertEqual(good.report, TypographicReport(document: "kit"))
    }
}
