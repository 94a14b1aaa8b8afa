import XCTest
import CCairoPango
@testable import PressKitDocument
@testable import PressKitPDF

/// An SVG logo is drawn by librsvg once, into CairoScript kept between runs (`SVGScriptCache`,
/// `SVGDrawing`): a later build reads the logo's size and drawing from the cache, does not load librsvg,
/// and writes the same PDFs; a damaged cache file is never trusted.
final class SVGScriptCacheTests: XCTestCase {
    let entry = SVGScriptCache.Entry(width: 120, height: 72, script: Array("%!CairoScript\n<< /content //COLOR_ALPHA /width 120 /height 72 >> surface context\npop\n".utf8))

    func testAnEntryReadsBackAsWritten() {
        XCTAssertEqual(SVGScriptCache.decode(SVGScriptCache.encode(entry)), entry)
        let unrecorded = SVGScriptCache.Entry(width: 240, height: 120, script: nil)
        XCTAssertEqual(SVGScriptCache.decode(SVGScriptCache.encode(unrecorded)), unrecorded, "a logo librsvg draws each time")
    }

    func testADamagedFileIsNotTrusted() {
        let bytes = SVGScriptCache.encode(entry)
        XCTAssertNil(SVGScriptCache.decode(Array(bytes.dropLast(10))), "cut short")
        XCTAssertNil(SVGScriptCache.decode(bytes + [0x0A]), "longer than it says")
        XCTAssertNil(SVGScriptCache.decode([]), "empty")
        for at in [0, 16, bytes.count / 2, bytes.count - 20] {
            var changed = bytes
            changed[at] ^= 0x04
            XCTAssertNil(SVGScriptCache.decode(changed), "byte \(at) changed")
        }
        var other = SVGScriptCache.encode(entry)
        other.replaceSubrange(0..<14, with: Array("presskit-svg-1".utf8))
        XCTAssertNil(SVGScriptCache.decode(other), "another format")
    }

    func testTheKeyNamesTheLogoAndTheLibrariesThatDrawIt() throws {
        // The files as the loader finds them, versions included: an upgrade of either records anew.
        XCTAssertTrue(SVGScriptCache.recorders.contains("librsvg-2.so.2."), SVGScriptCache.recorders)
        XCTAssertTrue(SVGScriptCache.recorders.contains("libcairo.so.2."), SVGScriptCache.recorders)
        let logo = Fixture.repository.appendingPathComponent("Assets/logos/economie.svg")
        let other = Fixture.repository.appendingPathComponent("Assets/logos/comptes-publics.svg")
        let key = try XCTUnwrap(SVGScriptCache.key(of: logo))
        XCTAssertEqual(SVGScriptCache.key(of: logo), key)
        XCTAssertNotEqual(SVGScriptCache.key(of: other), key)
        XCTAssertNotEqual(SVGScriptCache.key(of: logo, recorders: "librsvg-2.so.2.99.0 libcairo.so.2.11800.0"), key)
        XCTAssertNil(SVGScriptCache.key(of: logo.appendingPathExtension("missing")))
    }

    /// A logo whose script does not replay what librsvg draws (an SVG mask: CairoScript's replay draws
    /// nothing where the mask lets the shape through) keeps no script and is drawn by librsvg; a plain one
    /// keeps its script.
    func testALogoWhoseScriptLosesPartOfItIsDrawnByLibrsvg() throws {
        let folder = Fixture.temporaryFolder()
        let masked = folder.appendingPathComponent("masked.svg")
        try """
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">
        <defs><radialGradient id="r"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
        <mask id="m"><rect width="120" height="60" fill="url(#r)"/></mask></defs>
        <rect width="120" height="60" fill="#002395"/><circle cx="60" cy="30" r="25" fill="#ED2939" mask="url(#m)"/></svg>
        """.write(to: masked, atomically: true, encoding: .utf8)
        let plain = Fixture.repository.appendingPathComponent("Assets/logos/economie.svg")
        try CairoLock.drawing {
            XCTAssertNil(try SVGDrawing.record(masked).script, "a masked shape is lost in the replay: no script")
            XCTAssertNotNil(try SVGDrawing.record(plain).script)
            // What the masked logo's drawing is, every build: librsvg's, the red disc through the mask.
            let handle = try SVGDrawing.parsed(masked)
            defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
            let direct = try SVGDrawing.drawn(handle, width: 120, height: 60)
            defer { cairo_surface_destroy(direct) }
            let blank = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil)!
            defer { cairo_surface_destroy(blank) }
            XCTAssertTrue(SVGDrawing.samePixels(direct, direct, width: 120, height: 60))
            XCTAssertFalse(SVGDrawing.samePixels(direct, blank, width: 120, height: 60), "the comparison tells two drawings apart")
        }
    }

    /// The libraries a run of `presskit args` mapped (glibc's account, LD_DEBUG=files).
    func mapped(_ args: [String], cache: URL) throws -> (status: Int32, err: String, loaded: Set<String>) {
        let r = try Fixture.presskit(args, environment: ["LD_DEBUG": "files", "XDG_CACHE_HOME": cache.path])
        var loaded = Set<String>()
        for line in r.err.split(separator: "\n") {
            guard let at = line.range(of: "file="), let end = line.range(of: " ", range: at.upperBound..<line.endIndex) else { continue }
            loaded.insert(String(line[at.upperBound..<end.lowerBound]))
        }
        return (r.status, r.err, loaded)
    }

    func pdfs(_ folder: URL) throws -> [String: Data] {
        let documents = folder.appendingPathComponent("g7-numerique-2019")
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: documents.path) where name.hasSuffix(".pdf") {
            out[name] = try Data(contentsOf: documents.appendingPathComponent(name))
        }
        return out
    }

    func testABuildWithItsLogosRecordedDoesNotLoadLibrsvgAndWritesTheSamePDFs() throws {
        let cache = Fixture.temporaryFolder()
        let recorded = cache.appendingPathComponent("presskit/svg")
        let outs = (0..<3).map { _ in Fixture.temporaryFolder() }
        let first = try mapped(["build", Fixture.example.path, "--out", outs[0].path, "--force"], cache: cache)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.loaded.contains("librsvg-2.so.2"), "the first build draws the logos with librsvg")
        let files = try FileManager.default.contentsOfDirectory(atPath: recorded.path).filter { $0.hasSuffix(".csi") }
        XCTAssertEqual(files.count, 2, "one script per logo: \(files)")

        let second = try mapped(["build", Fixture.example.path, "--out", outs[1].path, "--force"], cache: cache)
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertFalse(second.loaded.contains("librsvg-2.so.2"), "a build with the logos recorded loads librsvg")
        XCTAssertTrue(second.loaded.contains("libcairo-script-interpreter.so.2"))
        let reference = try pdfs(outs[0])
        XCTAssertEqual(reference.count, 6)
        XCTAssertEqual(try pdfs(outs[1]), reference, "the PDFs of a build from the recorded logos")

        // A damaged script is not replayed: the logo is drawn by librsvg again, the file written anew.
        let damaged = recorded.appendingPathComponent(files[0])
        let whole = try Data(contentsOf: damaged)
        try whole.prefix(whole.count / 2).write(to: damaged)
        let third = try mapped(["build", Fixture.example.path, "--out", outs[2].path, "--force"], cache: cache)
        XCTAssertEqual(third.status, 0, third.err)
        XCTAssertTrue(third.loaded.contains("librsvg-2.so.2"), "a damaged script is recorded again")
        XCTAssertEqual(try Data(contentsOf: damaged), whole, "and written whole")
        XCTAssertEqual(try pdfs(outs[2]), reference)
    }

    func testALogoInTheCacheIsCheckedWithoutLibrsvg() throws {
        let cache = Fixture.temporaryFolder()
        let build = try mapped(["build", Fixture.example.path, "--out", Fixture.temporaryFolder().path], cache: cache)
        XCTAssertEqual(build.status, 0, build.err)
        let check = try mapped(["check", Fixture.example.path], cache: cache)
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertFalse(check.loaded.contains("librsvg-2.so.2"), "check read the logos' sizes from the cache")
        XCTAssertFalse(check.loaded.contains("libcairo-script-interpreter.so.2"), "and replayed nothing")
    }
}
