import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// The command line itself, through the built binary: how options are spelled, what a refused request says,
/// what is printed when a build fails, help text, and the files `new` writes.
final class CommandLineTests: XCTestCase {
    /// The PDFs (not hidden files) in the output folder of `meeting` under `out`.
    func pdfs(_ out: URL, meeting: String) throws -> [String] {
        let folder = out.appendingPathComponent(URL(fileURLWithPath: meeting).deletingLastPathComponent().lastPathComponent)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }.sorted()
    }

    // MARK: Item 17: options, refusals, failures as JSON, version

    func testListOptionsTakeCommasOrRepeatsWithTheMeetingAnywhere() throws {
        let meeting = Fixture.example.path
        let one = Fixture.temporaryFolder()
        let a = try Fixture.presskit(["build", "--lang", "fr", meeting, "--layout", "communique", "--out", one.path])
        XCTAssertEqual(a.status, 0, a.err)
        XCTAssertEqual(try pdfs(one, meeting: meeting), ["communique.fr.pdf"])

        let commas = Fixture.temporaryFolder()
        let b = try Fixture.presskit(["build", "--lang", "fr,en", "--layout", "communique,presidency-summary", meeting, "--out", commas.path])
        XCTAssertEqual(b.status, 0, b.err)
        XCTAssertEqual(try pdfs(commas, meeting: meeting),
                       ["communique.en.pdf", "communique.fr.pdf", "presidency-summary.en.pdf", "presidency-summary.fr.pdf"])

        let repeated = Fixture.temporaryFolder()
        let c = try Fixture.presskit(["build", "--lang", "en", "--lang", "fr", "--layout", "communique", meeting, "--out", repeated.path])
        XCTAssertEqual(c.status, 0, c.err)
        XCTAssertEqual(try pdfs(repeated, meeting: meeting), ["communique.en.pdf", "communique.fr.pdf"])

        let watched = Fixture.temporaryFolder()
        let w = try Fixture.presskit(["watch", "--lang", "fr", meeting, "--layout", "communique", "--out", watched.path, "--max-builds", "1"])
        XCTAssertEqual(w.status, 0, w.err)
        XCTAssertEqual(try pdfs(watched, meeting: meeting), ["communique.fr.pdf"])

        let copy = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let confirm = try Fixture.presskit(["translations", "confirm", "--lang", "en", copy, "lead"])
        XCTAssertEqual(confirm.status, 0, confirm.err)
        let ledger = try String(contentsOf: TranslationLedger.file(for: copy), encoding: .utf8)
        XCTAssertTrue(ledger.contains("lead"), ledger)
    }

    func testBilingualWithMoreThanTwoLanguagesAsksWhichTwo() throws {
        let meeting = Fixture.path("quadrilingual/meeting.yaml")
        let out = Fixture.temporaryFolder()
        let refused = try Fixture.presskit(["build", meeting, "--bilingual", "side-by-side", "--out", out.path])
        XCTAssertEqual(refused.status, 1, refused.out)
        XCTAssertTrue(refused.err.contains("--bilingual pairs two languages; this build has fr, en, de, it: add --lang fr,en"), refused.err)
        XCTAssertEqual(try pdfs(out, meeting: meeting), [], "nothing is built when the pair is not named")

        let three = try Fixture.presskit(["build", meeting, "--bilingual", "sequential", "--lang", "de,it,en", "--out", out.path])
        XCTAssertEqual(three.status, 1, three.out)
        XCTAssertTrue(three.err.contains("this build has de, it, en: add --lang de,it"), three.err)

        let pair = try Fixture.presskit(["build", meeting, "--bilingual", "sequential", "--lang", "de,it", "--out", out.path])
        XCTAssertEqual(pair.status, 0, pair.err)
        XCTAssertEqual(try pdfs(out, meeting: meeting), ["communique.de-it.pdf"])
    }

    func testAnOutputThatIsAFileIsRefusedInPlainWords() throws {
        let file = Fixture.write("not a folder", name: "out.txt")
        let r = try Fixture.presskit(["build", Fixture.example.path, "--layout", "communique", "--out", file])
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertTrue(r.err.contains("--out names a file, not a folder"), r.err)
        XCTAssertTrue(r.err.contains("hint:"), r.err)
        XCTAssertFalse(r.err.contains("Error Domain"), r.err)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "not a folder")

        // A file where the meeting's own output folder goes: said in words, never as a raw error dump.
        let out = Fixture.temporaryFolder()
        try "in the way".write(to: out.appendingPathComponent("g7-numerique-2019"), atomically: true, encoding: .utf8)
        let deeper = try Fixture.presskit(["build", Fixture.example.path, "--layout", "communique", "--out", out.path])
        XCTAssertEqual(deeper.status, 1, deeper.out)
        for raw in ["Error Domain", "NSCocoaErrorDomain", "UserInfo"] { XCTAssertFalse(deeper.err.contains(raw), deeper.err) }
        XCTAssertTrue(deeper.err.contains("error: "), deeper.err)
        XCTAssertTrue(deeper.err.contains("g7-numerique-2019"), deeper.err)
    }

    func testAnErrorThatIsNotADiagnosticIsOneLine() throws {
        // `new` onto an existing file: the file system refuses the folder, and the command says so in one line.
        let file = Fixture.write("not a folder", name: "sommet")
        let r = try Fixture.presskit(["new", file])
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        XCTAssertTrue(r.err.hasPrefix("error: "), r.err)
        XCTAssertTrue(r.err.contains(file), r.err)
        for raw in ["Error Domain", "NSCocoaErrorDomain", "UserInfo"] { XCTAssertFalse(r.err.contains(raw), r.err) }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "not a folder")
    }

    func testAFailedJSONBuildStillPrintsJSON() throws {
        let path = try Fixture.exampleVariant("email: presse@numerique.gouv.fr", with: "email: presse(at)numerique.gouv.fr")
        let r = try Fixture.presskit(["build", path, "--layout", "communique", "--format", "json", "--out", Fixture.temporaryFolder().path])
        XCTAssertEqual(r.status, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], r.out)
        XCTAssertEqual(object["written"] as? Int, 0)
        XCTAssertEqual((object["files"] as? [Any])?.count, 0)
        let errors = try XCTUnwrap(object["errors"] as? [[String: Any]])
        let email = try XCTUnwrap(errors.first { $0["path"] as? String == "contacts[0].email" }, "\(errors)")
        XCTAssertEqual(email["severity"] as? String, "error")
        XCTAssertGreaterThan(email["line"] as? Int ?? 0, 1)
        XCTAssertTrue((email["message"] as? String ?? "").contains("expected an e-mail address"), "\(email)")
    }

    func testVersion() throws {
        let r = try Fixture.presskit(["--version"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.trimmingCharacters(in: .whitespacesAndNewlines), PressKitVersion.current)
    }

    // MARK: Item 18: suggestions, counts, named fields

    func testConfirmingAnUnknownFieldSuggestsTheNearestOneWithoutAFakeCaret() throws {
        let copy = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let r = try Fixture.presskit(["translations", "confirm", copy, "leed"])
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertTrue(r.err.contains("\(copy): error: leed: no translated field has this path"), r.err)
        XCTAssertTrue(r.err.contains("did you mean lead?"), r.err)
        XCTAssertFalse(r.err.contains("\(copy):1:1"), "no line is known, so none is shown: \(r.err)")
        XCTAssertFalse(r.err.contains("^"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: TranslationLedger.file(for: copy).path), "nothing is confirmed")

        let nested = try Fixture.presskit(["translations", "confirm", copy, "themes[0].titel"])
        XCTAssertEqual(nested.status, 1, nested.out)
        XCTAssertTrue(nested.err.contains("did you mean themes[0].title?"), nested.err)
    }

    func testCheckEndsWithTheCount() throws {
        let clean = try Fixture.presskit(["check", Fixture.example.path])
        XCTAssertEqual(clean.status, 0, clean.err)
        XCTAssertTrue(clean.out.contains("no problem found"), clean.out)

        let bad = try Fixture.exampleVariant("email: presse@numerique.gouv.fr", with: "email: presse(at)numerique.gouv.fr")
        let errors = try Fixture.presskit(["check", bad])
        XCTAssertEqual(errors.status, 1, errors.out)
        XCTAssertTrue(errors.out.contains("1 error, 0 warnings"), errors.out + errors.err)

        // A translation confirmed, then its French source changed: one warning (English is stale), no error.
        let copy = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        XCTAssertEqual(try Fixture.presskit(["translations", "confirm", copy, "lead"]).status, 0)
        let text = try String(contentsOfFile: copy, encoding: .utf8)
        XCTAssertTrue(text.contains("a présidé ce 15 mai"))
        try text.replacingOccurrences(of: "a présidé ce 15 mai", with: "a présidé le 15 mai").write(toFile: copy, atomically: true, encoding: .utf8)
        let warned = try Fixture.presskit(["check", copy])
        XCTAssertEqual(warned.status, 0, warned.err)
        XCTAssertTrue(warned.err.contains("warning: lead:"), warned.err)
        XCTAssertTrue(warned.out.contains("0 errors, 1 warning"), warned.out + warned.err)
        XCTAssertFalse(warned.out.contains("no problem found"), warned.out)
    }

    func testTranslationsNamesTheFieldsNotConfirmed() throws {
        let copy = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let before = try Fixture.presskit(["translations", copy])
        XCTAssertTrue(before.out.contains("  not confirmed: lead  ("), before.out)
        XCTAssertTrue(before.out.contains("  not confirmed: themes[0].title  ("), before.out)
        XCTAssertEqual(try Fixture.presskit(["translations", "confirm", copy, "lead"]).status, 0)
        let after = try Fixture.presskit(["translations", copy])
        XCTAssertFalse(after.out.contains("not confirmed: lead "), after.out)
        XCTAssertTrue(after.out.contains("  not confirmed: themes[0].title  ("), after.out)
    }

    // MARK: Item 19: watch sees new folders and takes build's options; check takes the same selection

    /// The example meeting in a folder of its own without its photos, its English title left out.
    func meetingWithoutPhotosOrEnglishTitle() throws -> String {
        let text = try String(contentsOf: Fixture.example, encoding: .utf8)
        let line = "\n    en: Informal meeting of G7 Digital Ministers\n"
        XCTAssertTrue(text.contains(line), "the example no longer contains its English title")
        return Fixture.write(text.replacingOccurrences(of: line, with: "\n"))
    }

    func testWatchTakesTheOptionsOfBuild() throws {
        let meeting = try meetingWithoutPhotosOrEnglishTitle()
        let photos = Fixture.exampleFolderCopy()
        let out = Fixture.temporaryFolder()
        let r = try Fixture.presskit(["watch", meeting, "--layout", "communique,press-kit", "--fallback", "--root", photos.path,
                                      "--bilingual", "side-by-side", "--out", out.path, "--max-builds", "1"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue((r.out + r.err).contains("meeting.title: no English (en) translation; the French text is used"), r.out + r.err)
        XCTAssertEqual(try pdfs(out, meeting: meeting), ["communique.fr-en.pdf", "press-kit.fr-en.pdf"])
    }

    func testCheckTakesTheSelectionOptionsOfBuild() throws {
        let meeting = try meetingWithoutPhotosOrEnglishTitle()
        let photos = Fixture.exampleFolderCopy()
        let plain = try Fixture.presskit(["check", meeting])
        XCTAssertEqual(plain.status, 1, plain.out)
        XCTAssertTrue(plain.err.contains("meeting.title: no English (en) translation"), plain.err)

        let noPhotos = try Fixture.presskit(["check", meeting, "--fallback"])
        XCTAssertEqual(noPhotos.status, 1, noPhotos.out + noPhotos.err)
        XCTAssertTrue(noPhotos.err.contains("photos/"), noPhotos.err)

        let agreed = try Fixture.presskit(["check", meeting, "--fallback", "--root", photos.path])
        XCTAssertEqual(agreed.status, 0, agreed.err)
        XCTAssertTrue(agreed.err.contains("warning: meeting.title: no English (en) translation; the French text is used"), agreed.err)

        let french = try Fixture.presskit(["check", "--lang", "fr", meeting, "--layout", "communique"])
        XCTAssertEqual(french.status, 0, french.err)
        XCTAssertTrue(french.out.contains("no problem found"), french.out + french.err)
    }

    func testWatchSeesALayoutsFolderMadeAfterItStarted() throws {
        let meeting = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let folder = URL(fileURLWithPath: meeting).deletingLastPathComponent()
        let out = Fixture.temporaryFolder()
        let watch = try WatchProcess(["watch", meeting, "--out", out.path, "--lang", "fr", "--max-builds", "3"])
        defer { watch.stop() }
        XCTAssertTrue(watch.waitFor("1 rebuilt, 0 unchanged"), watch.log)
        let pdf = out.appendingPathComponent("\(folder.lastPathComponent)/communique.fr.pdf")
        let first = try Data(contentsOf: pdf)

        let layouts = folder.appendingPathComponent("Layouts")
        try FileManager.default.createDirectory(at: layouts, withIntermediateDirectories: false)
        XCTAssertTrue(watch.waitFor("0 rebuilt, 1 unchanged"), "the new folder is a change: \(watch.log)")

        // A layout of the meeting's own, in the new folder, replaces the built-in communiqué.
        let builtIn = try String(contentsOf: Fixture.repository.appendingPathComponent("Layouts/communique.yaml"), encoding: .utf8)
        XCTAssertTrue(builtIn.contains("$colors.accent"))
        try builtIn.replacingOccurrences(of: "$colors.accent", with: "\"#910000\"")
            .write(to: layouts.appendingPathComponent("communique.yaml"), atomically: false, encoding: .utf8)
        XCTAssertTrue(watch.waitFor("1 rebuilt, 0 unchanged", count: 2), "a file saved in the new folder rebuilds: \(watch.log)")
        XCTAssertNotEqual(try Data(contentsOf: pdf), first)
        XCTAssertTrue(watch.waitForExit(), "watch stops by itself after --max-builds")
    }

    // MARK: Item 20: documentation and help, the scaffold's paths

    /// The help of every command, as printed at 80 columns.
    func helps() throws -> [String: String] {
        var out: [String: String] = [:]
        for command in [[], ["build"], ["check"], ["watch"], ["translations"], ["translations", "confirm"], ["layouts"], ["fonts"], ["schema"], ["new"]] {
            let r = try Fixture.presskit(command + ["--help"], environment: ["COLUMNS": "80"])
            XCTAssertEqual(r.status, 0, r.err)
            out[(["presskit"] + command).joined(separator: " ")] = r.out
        }
        return out
    }

    func testTheGuidesNameOnlyOptionsThatExist() throws {
        let help = try helps().values.joined(separator: "\n")
        for guide in ["README.md", "Layouts/README.md"] {
            let text = try String(contentsOf: Fixture.repository.appendingPathComponent(guide), encoding: .utf8)
            let options = Set(text.matches(of: try Regex("--[a-z][a-z-]*[a-z]")).map { String(text[$0.range]) })
            XCTAssertFalse(options.isEmpty, guide)
            for option in options.sorted() {
                XCTAssertNotNil(help.firstMatch(of: try Regex("\(option)(?![a-z-])")), "\(guide) names \(option), which no command has")
            }
        }
    }

    func testHelpWrapsInWholeParagraphsWithoutStrayBackslashes() throws {
        for (command, text) in try helps() {
            let lines = text.components(separatedBy: "\n")
            // The discussion: from the line after OVERVIEW's paragraph to USAGE.
            guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }) else { XCTFail(command); continue }
            let overviewEnd = lines.firstIndex(of: "") ?? usage
            let discussion = Array(lines[overviewEnd..<usage])
            for line in discussion {
                XCTAssertFalse(line.hasSuffix("\\"), "\(command) --help: a stray backslash in “\(line)”")
            }
            for (a, b) in zip(discussion, discussion.dropFirst()) where !a.isEmpty && !b.isEmpty {
                guard let last = a.last, !".:!?".contains(last) else { continue }
                let next = b.prefix { $0 != " " }
                // The parser's wrapping breaks before a word that would end in the 80th column, and never earlier.
                XCTAssertGreaterThanOrEqual(a.count + 1 + next.count, 80,
                                     "\(command) --help breaks a sentence: “\(a)” is followed by “\(b)”, whose first word fits on it")
            }
        }
    }

    func testNewWritesNoAbsolutePath() throws {
        let parent = Fixture.temporaryFolder()
        for name in ["sommet", parent.appendingPathComponent("absolu").path] {
            let made = try Fixture.presskit(["new", name], in: parent)
            XCTAssertEqual(made.status, 0, made.err)
            let folder = name.hasPrefix("/") ? URL(fileURLWithPath: name) : parent.appendingPathComponent(name)
            let text = try String(contentsOf: folder.appendingPathComponent("meeting.yaml"), encoding: .utf8)
            XCTAssertFalse(text.contains("=" + Fixture.repository.path), text)
            XCTAssertFalse(text.contains(parent.path), text)
            XCTAssertNil(text.firstMatch(of: try Regex("(^|[\\s=(])/[A-Za-z]").anchorsMatchLineEndings()), "an absolute path in the scaffold:\n\(text)")
            let first = try XCTUnwrap(text.split(separator: "\n").first)
            let prefix = "# yaml-language-server: $schema="
            XCTAssertTrue(first.hasPrefix(prefix), String(first))
            let schema = folder.resolvingSymlinksInPath().appendingPathComponent(String(first.dropFirst(prefix.count))).standardizedFileURL
            XCTAssertEqual(schema.path, Fixture.repository.appendingPathComponent("Layouts/meeting.schema.json").resolvingSymlinksInPath().path)
            XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path))
        }
    }
}

/// `presskit watch` running in the background, its standard output and error collected as they come.
final class WatchProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var text = ""

    /// Starts the built binary with `arguments`, the repository as its home and a fixed date.
    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Fixture.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PRESSKIT_HOME"] = Fixture.repository.path
        env["SOURCE_DATE_EPOCH"] = "1557878400"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            guard let self else { return }
            self.lock.lock(); self.text += chunk; self.lock.unlock()
        }
        try process.run()
    }

    /// Everything printed so far.
    var log: String { lock.lock(); defer { lock.unlock() }; return text }

    /// Whether `needle` has been printed `count` times before a generous deadline (a hang fails, a slow machine does not).
    func waitFor(_ needle: String, count: Int = 1, seconds: TimeInterval = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if log.components(separatedBy: needle).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Whether the process ended by itself before a generous deadline.
    func waitForExit(seconds: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return !process.isRunning
    }

    /// Ends the process if it still runs.
    func stop() { if process.isRunning { process.terminate() } }
}
