import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Rebuilds you can trust: the quick check and the cache never keep a PDF that does not match its
/// inputs (issue 11, items 1–6).
final class RebuildTests: XCTestCase {
    /// The example with only the communiqué, in a folder of its own.
    func communiqueOnly() throws -> (path: String, out: URL) {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        return (path, URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out"))
    }

    func request(_ path: String, out: URL) -> BuildRequest { Self.request(path, out: out) }

    /// An incremental build on one thread with a fixed date, into `out`.
    static func request(_ path: String, out: URL) -> BuildRequest {
        var r = BuildRequest(meetingPath: path, outputFolder: out, created: Date(timeIntervalSince1970: 1_557_878_400))
        r.incremental = true
        r.dateIsFixed = true
        r.workers = 1
        return r
    }

    /// presskit's home with copies of the French and English hyphenation dictionaries, to change them.
    func homeWithOwnDictionaries() throws -> (ToolHome, URL) {
        let dictionaries = Fixture.temporaryFolder()
        for language in ["fr", "en"] {
            let file = try XCTUnwrap(Hyphenator.candidates(for: language, in: Hyphenator.systemFolder).first { FileManager.default.fileExists(atPath: $0.path) })
            try FileManager.default.copyItem(at: file.resolvingSymlinksInPath(), to: dictionaries.appendingPathComponent(file.lastPathComponent))
        }
        return (ToolHome(root: Fixture.repository, hyphenation: dictionaries), dictionaries)
    }

    func rebuilt(_ files: BuildResult) -> [String] {
        files.filter { !$0.unchanged }.map(\.file.lastPathComponent).sorted()
    }

    func text(of pdf: URL) throws -> String {
        try Fixture.run(Fixture.which("pdftotext"), [pdf.path, "-"]).out
    }

    /// Item 1: the meeting file is saved again while a build runs; the next build must see that save.
    func testAnEditDuringABuildIsNotLost() throws {
        let (path, out) = try communiqueOnly()
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "comment lutter efficacement", with: "comment lutter plus efficacement")
        XCTAssertNotEqual(original, edited)
        let pipeline = Pipeline(home: Fixture.home)
        // Called while documents are rendered, long after the meeting file was read.
        pipeline.progress = { _, _ in try? edited.write(toFile: path, atomically: false, encoding: .utf8) }
        _ = try pipeline.build(request(path, out: out))
        let next = try Pipeline(home: Fixture.home).build(request(path, out: out))
        XCTAssertEqual(rebuilt(next), ["communique.fr.pdf"], "the save made during the build was lost")
        let pdf = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/communique.fr.pdf")
        XCTAssertTrue(try text(of: pdf).replacingOccurrences(of: "\n", with: " ").contains("lutter plus"), "the PDF still has the old text")
    }

    /// Item 2: two meeting files in one folder; the quick check of one never answers for the other.
    func testASecondMeetingFileInTheSameFolderIsBuilt() throws {
        let (path, out) = try communiqueOnly()
        let other = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("autre.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "comment lutter efficacement", with: "comment combattre efficacement")
            .write(toFile: other, atomically: true, encoding: .utf8)
        XCTAssertEqual(rebuilt(try Pipeline(home: Fixture.home).build(request(path, out: out))), ["communique.en.pdf", "communique.fr.pdf"])
        let second = try Pipeline(home: Fixture.home).build(request(other, out: out))
        XCTAssertTrue(rebuilt(second).contains("communique.fr.pdf"), "the second meeting file was not built")
        XCTAssertTrue(second.warnings.contains { $0.message.contains("these are replaced: communique.fr.pdf") }, "\(second.warnings)")
        let pdf = try XCTUnwrap(second.first { $0.file.lastPathComponent == "communique.fr.pdf" }).file
        XCTAssertTrue(try self.text(of: pdf).contains("combattre"))
    }

    /// Item 3: an output truncated or replaced after a build is rebuilt.
    func testAnOutputChangedAfterTheBuildIsRebuilt() throws {
        let (path, out) = try communiqueOnly()
        let files = try Pipeline(home: Fixture.home).build(request(path, out: out))
        let pdf = try XCTUnwrap(files.first { $0.file.lastPathComponent == "communique.fr.pdf" }).file
        let good = try Data(contentsOf: pdf)
        // Truncated in place.
        let handle = try FileHandle(forWritingTo: pdf)
        try handle.truncate(atOffset: 100)
        try handle.close()
        XCTAssertEqual(rebuilt(try Pipeline(home: Fixture.home).build(request(path, out: out))), ["communique.fr.pdf"])
        XCTAssertEqual(try Data(contentsOf: pdf), good)
        // Replaced by another file of the same size.
        try Data(repeating: 0x25, count: good.count).write(to: pdf, options: .atomic)
        XCTAssertEqual(rebuilt(try Pipeline(home: Fixture.home).build(request(path, out: out))), ["communique.fr.pdf"])
        XCTAssertEqual(try Data(contentsOf: pdf), good)
    }

    /// Item 4: an image changed in bytes that are not UTF-8 text, at the same size, changes the fingerprint.
    func testAnImageEditedAtTheSameSizeIsNoticed() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [press-kit]")
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")
        var r = request(path, out: out)
        r.languages = ["fr"]
        _ = try Pipeline(home: Fixture.home).build(r)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("photos")
        let photo = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".jpg") })
        let file = folder.appendingPathComponent(photo)
        var bytes = [UInt8](try Data(contentsOf: file))
        // A lone byte of 0x80–0xBF between two ASCII bytes, in the compressed data (after the start of scan):
        // invalid UTF-8 before and after the change, so text decoding sees U+FFFD both times.
        let scan = try XCTUnwrap((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        let at = try XCTUnwrap((scan + 200..<bytes.count - 200).first { (0x80...0xBE).contains(bytes[$0]) && bytes[$0 - 1] < 0x80 && bytes[$0 + 1] < 0x80 })
        bytes[at] += 1
        try Data(bytes).write(to: file)
        XCTAssertEqual(rebuilt(try Pipeline(home: Fixture.home).build(r)), ["press-kit.fr.pdf"], "an edited photo did not rebuild the press kit")
    }

    /// Item 4: a font file replaced by another of the same name changes the fingerprint.
    func testAFontFileReplacedUnderTheSameNameIsNoticed() throws {
        let home = Fixture.temporaryFolder()
        try FileManager.default.createSymbolicLink(at: home.appendingPathComponent("Layouts"), withDestinationURL: Fixture.home.layouts)
        try FileManager.default.copyItem(at: Fixture.home.assets, to: home.appendingPathComponent("Assets"))
        let (path, out) = try communiqueOnly()
        _ = try Pipeline(home: ToolHome(root: home)).build(request(path, out: out))
        // The semibold face is replaced by another file under its name: the same face, other bytes (a
        // newer version of the font).
        let semibold = home.appendingPathComponent("Assets/fonts/Inter/Inter-SemiBold.otf")
        var bytes = try Data(contentsOf: semibold)
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 16))
        try FileManager.default.removeItem(at: semibold)
        try bytes.write(to: semibold)
        let next = try Pipeline(home: ToolHome(root: home)).build(request(path, out: out))
        XCTAssertEqual(rebuilt(next), ["communique.en.pdf", "communique.fr.pdf"], "a replaced font file did not rebuild")
    }

    /// Item 5: a stale translation is reported by every build, also by one that renders nothing.
    func testStaleTranslationWarningsOnEveryBuild() throws {
        let (path, out) = try communiqueOnly()
        let status = TranslationStatus(try Meeting.load(path), ledger: TranslationLedger())
        try status.confirming([], languages: nil, in: TranslationLedger()).save(for: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "des trois thèmes suivants", with: "des trois grands thèmes suivants").write(toFile: path, atomically: true, encoding: .utf8)
        for attempt in 1...3 {
            let result = try Pipeline(home: Fixture.home).build(request(path, out: out))
            XCTAssertTrue(result.warnings.contains { $0.path == "themes_intro" && $0.message.contains("older French text") },
                          "build \(attempt): \(result.warnings)")
        }
    }

    /// Item 6: when one of several files cannot be written, none is replaced, and the message says so.
    func testAFailedWriteReplacesNoFile() throws {
        let (path, out) = try communiqueOnly()
        _ = try Pipeline(home: Fixture.home).build(request(path, out: out))
        let folder = out.appendingPathComponent(URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
        let fr = folder.appendingPathComponent("communique.fr.pdf"), en = folder.appendingPathComponent("communique.en.pdf")
        let before = (try Data(contentsOf: fr), try Data(contentsOf: en))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "Réunion informelle des ministres du Numérique du G7", with: "Réunion des ministres du Numérique du G7")
            .replacingOccurrences(of: "Informal meeting of G7 Digital Ministers", with: "Meeting of G7 Digital Ministers")
            .write(toFile: path, atomically: true, encoding: .utf8)
        // Whatever the order of writing, the second file's temporary cannot be made (a folder is in its way).
        let blockers = [en, fr].map { folder.appendingPathComponent(".\($0.lastPathComponent).\(getpid()).tmp") }
        try FileManager.default.createDirectory(at: blockers[0], withIntermediateDirectories: true)
        let diagnostics = Fixture.diagnostics { _ = try Pipeline(home: Fixture.home).build(self.request(path, out: out)) }
        XCTAssertEqual(try Data(contentsOf: fr), before.0, "one PDF was replaced although the build failed")
        XCTAssertEqual(try Data(contentsOf: en), before.1)
        let message = diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(message.contains("communique.en.pdf"), message)
        XCTAssertTrue(message.contains("no file was replaced"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".communique.fr.pdf.\(getpid()).tmp").path),
                       "a temporary file was left behind")
        try? FileManager.default.removeItem(at: blockers[0])
        XCTAssertEqual(rebuilt(try Pipeline(home: Fixture.home).build(request(path, out: out))), ["communique.en.pdf", "communique.fr.pdf"])
    }

    /// Item 4: a hyphenation dictionary changed in place changes the fingerprint of the documents it hyphenates.
    func testAHyphenationDictionaryChangeIsNoticed() throws {
        let (home, dictionaries) = try homeWithOwnDictionaries()
        let (path, out) = try communiqueOnly()
        XCTAssertEqual(rebuilt(try Pipeline(home: home).build(request(path, out: out))), ["communique.en.pdf", "communique.fr.pdf"])
        let fr = dictionaries.appendingPathComponent("hyph_fr.dic")
        let handle = try FileHandle(forWritingTo: fr)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("1zz1\n".utf8))
        try handle.close()
        XCTAssertEqual(rebuilt(try Pipeline(home: home).build(request(path, out: out))), ["communique.fr.pdf"])
    }

    /// Item 4: the build identity is the GNU build id the linker wrote into the running program.
    func testTheBuildIdentityIsTheProgramsBuildID() throws {
        let notes = try Fixture.run(Fixture.which("readelf"), ["-n", "/proc/\(getpid())/exe"]).out
        let line = try XCTUnwrap(notes.split(separator: "\n").first { $0.contains("Build ID:") }, "the test program has no build id")
        let id = try XCTUnwrap(line.split(separator: " ").last.map(String.init))
        XCTAssertEqual(id.count, 40)
        XCTAssertTrue(BuildIdentity.current.hasSuffix(" " + id), BuildIdentity.current)
        XCTAssertEqual(BuildIdentity.gnuBuildID(of: Fixture.binary), try Fixture.run(Fixture.which("readelf"), ["-n", Fixture.binary]).out
            .split(separator: "\n").first { $0.contains("Build ID:") }?.split(separator: " ").last.map(String.init))
    }

    /// The window in which a stamp cannot be trusted is two ticks of the clock file times are taken from
    /// (4 ms here): a write within it could leave the stamp as it was; one after it cannot.
    func testTheRacyWindowIsTwoTicksOfTheFileClock() {
        var resolution = timespec()
        XCTAssertEqual(clock_getres(CLOCK_REALTIME_COARSE, &resolution), 0)
        let tick = Int64(resolution.tv_sec) * 1_000_000_000 + Int64(resolution.tv_nsec)
        XCTAssertEqual(FileStamp.racyWindow, 2 * tick)
        XCTAssertLessThanOrEqual(FileStamp.racyWindow, 50_000_000)
        let written: Int64 = 1_764_000_000_123_456_789
        let stamp = FileStamp(kind: .file, size: 6, modified: written, changed: written)
        XCTAssertTrue(stamp.isRacy(takenAt: written + tick), "one tick after the write")
        XCTAssertTrue(stamp.isRacy(takenAt: written + FileStamp.racyWindow))
        XCTAssertFalse(stamp.isRacy(takenAt: written + FileStamp.racyWindow + 1), "past the window the stamp alone tells")
        let seconds = FileStamp(kind: .file, size: 6, modified: 1_764_000_000_000_000_000, changed: 1_764_000_000_000_000_000)
        XCTAssertTrue(seconds.isRacy(takenAt: 1_764_000_001_500_000_000), "whole-second file systems keep two seconds")
    }

    /// A file stamped right after it was written is compared by content until its stamp can be trusted; once
    /// verified, the record is taken anew so that later checks need no reading (the no-change rebuild).
    func testAVerifiedRecentFileIsStampedAnew() throws {
        let file = Fixture.temporaryFolder().appendingPathComponent("logo.svg")
        try Data("<svg/>".utf8).write(to: file)
        let inputs = BuildInputs()
        inputs.depend(on: file)
        let record = try XCTUnwrap(inputs.recorded[file.standardizedFileURL.path])
        XCTAssertTrue(record.stamp.isRacy(takenAt: record.takenAt), "a file written a moment ago cannot be trusted by its stamp")
        XCTAssertEqual(record.verified(at: file.path)?.stamp, record.stamp)
        Thread.sleep(forTimeInterval: Double(FileStamp.coarseRacyWindow) / 1e9 + 0.2)
        let renewed = try XCTUnwrap(record.verified(at: file.path))
        XCTAssertFalse(renewed.stamp.isRacy(takenAt: renewed.takenAt), "once verified and old enough, its stamp alone tells")
        // Same size, other bytes, same second: still caught, by content.
        try Data("<svG/>".utf8).write(to: file)
        XCTAssertNil(record.verified(at: file.path))
    }

    /// A hyphenation dictionary replaced during a long session (watch) is used by the next build of the same
    /// pipeline, as by a new process: the text contexts are made anew when a font or dictionary changes.
    func testALongSessionUsesADictionaryReplacedSinceItStarted() throws {
        let (home, dictionaries) = try homeWithOwnDictionaries()
        let (path, out) = try communiqueOnly()
        let session = Pipeline(home: home)
        let first = try XCTUnwrap(try session.build(request(path, out: out)).first { $0.file.lastPathComponent == "communique.fr.pdf" })
        XCTAssertGreaterThan(first.report.hyphenatedLines, 0, "the test needs a hyphenated line")
        // French patterns that allow no break at all.
        try "UTF-8\n".write(to: dictionaries.appendingPathComponent("hyph_fr.dic"), atomically: true, encoding: .utf8)
        let again = try XCTUnwrap(try session.build(request(path, out: out)).first { $0.file.lastPathComponent == "communique.fr.pdf" })
        let fresh = try XCTUnwrap(try Pipeline(home: home).build(request(path, out: Fixture.temporaryFolder())).first { $0.file.lastPathComponent == "communique.fr.pdf" })
        XCTAssertEqual(fresh.report.hyphenatedLines, 0)
        XCTAssertEqual(again.report.hyphenatedLines, 0, "the session still hyphenates with the dictionary it started with")
        XCTAssertEqual(try Data(contentsOf: again.file), try Data(contentsOf: fresh.file))
    }
}
