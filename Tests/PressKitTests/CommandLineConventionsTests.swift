import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitCLI

/// What users of Typst, Pandoc or Hugo reach for first (issue 17), through the built binary: the version,
/// completion scripts, a man page from the help text, colour only on a terminal and never with NO_COLOR,
/// `query`, `-` for a meeting on standard input and a PDF on standard output, and `--open`.
final class CommandLineConventionsTests: XCTestCase {
    let meeting = Fixture.example.path

    func testVersionIsTheLibrarysVersion() throws {
        let run = try Fixture.presskit(["--version"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.out, PressKitVersion.current + "\n")
    }

    /// Without PRESSKIT_HOME, presskit finds its Layouts/ and Assets/ from its own file, whatever the current
    /// folder and however it was started (here through a symbolic link in a folder far from the repository).
    func testTheToolFindsItsHomeFromItsOwnFile() throws {
        let folder = Fixture.temporaryFolder()
        let link = folder.appendingPathComponent("presskit-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: Fixture.binary)
        // An empty PRESSKIT_HOME counts as none (the test runner may have one).
        let run = try Fixture.run(link.path, ["layouts"], environment: ["PRESSKIT_HOME": "", "HOME": folder.path], in: folder)
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains(Fixture.repository.appendingPathComponent("Layouts/communique.yaml").path), String(run.out.prefix(400)) + run.err)
    }

    /// Each shell's script names the program, its subcommands and a subcommand's options.
    func testCompletionScriptsForEachShell() throws {
        let expected = ["bash": "complete -o filenames -F _presskit presskit", "zsh": "#compdef presskit", "fish": "complete -c 'presskit'"]
        for (shell, marker) in expected {
            let run = try Fixture.presskit(["completions", shell])
            XCTAssertEqual(run.status, 0, shell)
            XCTAssertTrue(run.out.contains(marker), "\(shell): \(run.out.prefix(300))")
            for word in ["query", "build", "--layout", "completions"] { XCTAssertTrue(run.out.contains(word), "\(shell) script lacks \(word)") }
        }
        XCTAssertNotEqual(try Fixture.presskit(["completions", "powershell"]).status, 0, "an unknown shell is refused")
    }

    /// The man page is valid roff (groff warns of nothing), names every command and option the help
    /// text names, and keeps accents.
    func testTheManPageIsMadeFromTheHelpText() throws {
        let page = try Fixture.presskit(["manual"])
        XCTAssertEqual(page.status, 0)
        let file = Fixture.temporaryFolder().appendingPathComponent("presskit.1")
        try page.out.write(to: file, atomically: true, encoding: .utf8)
        let rendered = try Fixture.run(Fixture.which("groff"), ["-man", "-Tutf8", "-ww", "-rLL=3000n", "-rHY=0", "-P", "-cbou", file.path])
        XCTAssertEqual(rendered.err, "", "groff warns")
        for command in PressKitCommand.configuration.subcommands {
            let name = try XCTUnwrap(command.configuration.commandName)
            XCTAssertTrue(rendered.out.contains("presskit \(name)"), "the man page lacks presskit \(name)")
            XCTAssertTrue(rendered.out.contains(command.configuration.abstract), "the man page lacks the abstract of \(name)")
        }
        let help = try Fixture.presskit(["build", "--help"]).out
        for option in ["--lang <lang>", "--out <out>", "--force", "--open", "--report", "--format <format>"] {
            XCTAssertTrue(help.contains(option), "help lacks \(option)")
            XCTAssertTrue(rendered.out.contains(option), "the man page lacks \(option), which --help lists")
        }
        XCTAssertTrue(rendered.out.contains("communiqué"), "accents survive roff")
    }

    /// A problem is coloured on a terminal (a pseudo-terminal made by `script`), not through a pipe, and
    /// not with NO_COLOR set, on a terminal or not.
    func testColourOnATerminalOnlyAndNeverWithNoColor() throws {
        let command = "'\(Fixture.binary)' query '\(meeting)' titel"
        // The test runner may set NO_COLOR itself: empty, it asks for nothing (no-color.org).
        let env = ["PRESSKIT_HOME": Fixture.repository.path, "TERM": "xterm", "NO_COLOR": ""]
        let terminal = try Fixture.run(Fixture.which("script"), ["-qec", command, "/dev/null"], environment: env)
        XCTAssertTrue(terminal.out.contains("\u{1B}[1;31merror:"), "the severity in red on a terminal: \(terminal.out.debugDescription)")
        XCTAssertTrue(terminal.out.contains("\u{1B}[36m  hint:"), "the hint coloured")
        var plain = env; plain["NO_COLOR"] = "1"
        let noColour = try Fixture.run(Fixture.which("script"), ["-qec", command, "/dev/null"], environment: plain)
        XCTAssertTrue(noColour.out.contains("error: the meeting data has no key `titel`"))
        XCTAssertFalse(noColour.out.contains("\u{1B}["), "NO_COLOR: no escape sequence at all")
        let piped = try Fixture.presskit(["query", meeting, "titel"])
        XCTAssertTrue(piped.err.contains("error: the meeting data has no key `titel`"))
        XCTAssertFalse(piped.err.contains("\u{1B}["), "not a terminal: no colour")
        XCTAssertFalse(Terminal.hasColour(descriptor: 2, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(Terminal.hasColour(descriptor: -1, environment: [:]), "not a terminal")
    }

    /// `query` prints a text as it is, a text in two languages a line per language, a map as JSON, and
    /// names a path that leads nowhere at its line with the keys there are.
    func testQueryPrintsAValueOfTheMeetingData() throws {
        XCTAssertEqual(try Fixture.presskit(["query", meeting, "people[0].name"]).out, "Cédric O\n")
        XCTAssertEqual(try Fixture.presskit(["query", meeting, "meeting.date"]).out, "2019-05-15\n")
        XCTAssertEqual(try Fixture.presskit(["query", meeting, "meeting.title"]).out,
                       "en: Informal meeting of G7 Digital Ministers\nfr: Réunion informelle des ministres du Numérique du G7\n")
        XCTAssertEqual(try Fixture.presskit(["query", meeting, ".meeting.title.fr", "--format", "json"]).out,
                       "\"Réunion informelle des ministres du Numérique du G7\"\n")
        let whole = try Fixture.presskit(["query", meeting, "meeting", "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(whole.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["place"] as? String, "Paris")
        XCTAssertEqual((object["title"] as? [String: String])?["en"], "Informal meeting of G7 Digital Ministers")
        let wrong = try Fixture.presskit(["query", meeting, "meeting.titel"])
        XCTAssertEqual(wrong.status, 1)
        let map = try XCTUnwrap(try Meeting.load(meeting).data["meeting"]).mark
        XCTAssertTrue(wrong.err.contains("meeting.yaml:\(map.line):\(map.column):"), "named where the map is: \(wrong.err)")
        XCTAssertTrue(wrong.err.contains("`meeting` has no key `titel`") && wrong.err.contains("did you mean `title`?"), wrong.err)
        let far = try Fixture.presskit(["query", meeting, "people[99]"])
        XCTAssertEqual(far.status, 1)
        XCTAssertTrue(far.err.contains("`people` has") && far.err.contains("there is no [99]"), far.err)
        XCTAssertEqual(try Fixture.presskit(["query", meeting, "people[x]"]).status, 1)
    }

    /// A meeting on standard input is built in the current folder (its images found there), and its one
    /// PDF written to standard output; a problem in it is named at `<stdin>`, its line and column.
    func testStandardInputAndStandardOutput() throws {
        let folder = Fixture.example.deletingLastPathComponent()
        let text = try Data(contentsOf: Fixture.example)
        let pdf = try Fixture.runForBytes(Fixture.binary, ["build", "-", "--layout", "communique", "--lang", "fr", "--out", "-"],
                                          environment: ["PRESSKIT_HOME": Fixture.repository.path, "SOURCE_DATE_EPOCH": "1557878400"],
                                          in: folder, input: text)
        XCTAssertEqual(pdf.status, 0, pdf.err)
        XCTAssertEqual(pdf.out.prefix(5), Data("%PDF-".utf8))
        XCTAssertTrue(String(decoding: pdf.out.suffix(8), as: UTF8.self).contains("%%EOF"))
        // The same bytes as the file a build of the file itself writes.
        let out = Fixture.temporaryFolder()
        XCTAssertEqual(try Fixture.presskit(["build", meeting, "--layout", "communique", "--lang", "fr", "--out", out.path, "--force"]).status, 0)
        XCTAssertEqual(pdf.out, try Data(contentsOf: out.appendingPathComponent("g7-numerique-2019/communique.fr.pdf")),
                       "standard input stands for the file in its folder: the same PDF")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Dist").path), "nothing written beside the meeting")

        let two = try Fixture.presskit(["build", "-", "--layout", "communique", "--out", "-"], in: folder, input: text)
        XCTAssertEqual(two.status, 1)
        XCTAssertTrue(two.err.contains("--out - writes one PDF to standard output; this build makes 2"), two.err)
        XCTAssertTrue(two.out.isEmpty, "nothing on standard output")

        let broken = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "date: 2019-05-15", with: "date: 2019-13-45")
        XCTAssertNotEqual(broken, String(decoding: text, as: UTF8.self))
        let check = try Fixture.presskit(["check", "-"], in: folder, input: Data(broken.utf8))
        XCTAssertEqual(check.status, 1)
        let line = try Fixture.line(of: "date: 2019-05-15", in: meeting)
        XCTAssertTrue(check.err.contains("<stdin>:\(line):"), "named at standard input's line: \(check.err)")
        XCTAssertTrue(check.err.contains("\(line) |"), "with its source line")
    }

    /// `--open` starts xdg-open on every PDF built; without xdg-open the build still succeeds, with a warning.
    func testOpenHandsWhatWasBuiltToTheViewer() throws {
        let tools = Fixture.temporaryFolder()
        let record = tools.appendingPathComponent("opened.txt")
        let opener = tools.appendingPathComponent("xdg-open")
        try "#!/bin/sh\necho \"$1\" >> '\(record.path)'\n".write(to: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener.path)
        let out = Fixture.temporaryFolder()
        let run = try Fixture.presskit(["build", meeting, "--layout", "communique", "--out", out.path, "--open"],
                                       environment: ["PATH": tools.path + ":/usr/bin:/bin"])
        XCTAssertEqual(run.status, 0, run.err)
        var opened: [String] = []
        for _ in 0..<50 {
            opened = ((try? String(contentsOf: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if opened.count == 2 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(Set(opened), Set(["fr", "en"].map { out.appendingPathComponent("g7-numerique-2019/communique.\($0).pdf").path }))
        let without = try Fixture.presskit(["build", meeting, "--layout", "communique", "--out", out.path, "--open"],
                                           environment: ["PATH": Fixture.temporaryFolder().path])
        XCTAssertEqual(without.status, 0, "the PDFs are built either way")
        XCTAssertTrue(without.err.contains("warning: cannot open what was built: xdg-open is not on the PATH"), without.err)
    }

    /// Paths as `query` reads them, and what it refuses.
    func testValuePaths() throws {
        XCTAssertEqual(try ValuePath("speakers[0].name").steps, [.key("speakers"), .index(0), .key("name")])
        XCTAssertEqual(try ValuePath(".title.fr").steps, [.key("title"), .key("fr")])
        XCTAssertEqual(try ValuePath("labels.\"a.b\"[2]").steps, [.key("labels"), .key("a.b"), .index(2)])
        XCTAssertEqual(try ValuePath("labels.\"a.b\"[2]").description, "labels.\"a.b\"[2]")
        for bad in ["a..b", "a.", "a[-1]", "a[x]", "a[1", "a\"b", "a[0]b"] {
            XCTAssertThrowsError(try ValuePath(bad), bad)
        }
    }
}
