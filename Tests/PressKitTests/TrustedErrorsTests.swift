import CCairoPango
import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Crashes, hangs and values taken wrongly (issue 11, items 7, 9, 10, 11): each bad input is an error at
/// its place, from `check` and `build` alike, and the process never crashes.
final class TrustedErrorsTests: XCTestCase {


    /// Item 7: partials that include each other, or themselves, are a cycle named at the include's line.
    func testPartialsThatIncludeEachOtherAreACycle() throws {
        let path = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let partials = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Layouts/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "description: the contacts, then more\nblocks:\n  - include: {partial: contact-loop}\n"
            .write(to: partials.appendingPathComponent("contact-block.yaml"), atomically: true, encoding: .utf8)
        try "description: more contacts\nblocks:\n  - spacer: 2mm\n  - include: {partial: contact-block}\n"
            .write(to: partials.appendingPathComponent("contact-loop.yaml"), atomically: true, encoding: .utf8)
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("contact-loop.yaml:4:"), err)
        XCTAssertTrue(err.contains("contact-block → contact-loop → contact-block"), err)

        try "description: itself\nblocks:\n  - include: {partial: contact-block}\n"
            .write(to: partials.appendingPathComponent("contact-block.yaml"), atomically: true, encoding: .utf8)
        let again = try Fixture.refused(path)
        XCTAssertTrue(again.contains("contact-block.yaml:3:"), again)
        XCTAssertTrue(again.contains("the partial `contact-block` includes itself"), again)
    }

    /// Item 9: a huge file with a valid image header is refused by its size, without being read.
    func testAHugeImageIsRefusedBeforeItIsRead() throws {
        let path = try Fixture.exampleVariant("  - file: photos/reunion.jpg", with: "  - file: photos/huge.jpg")
        let huge = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("photos/huge.jpg")
        let head = try Data(contentsOf: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("photos/reunion.jpg")).prefix(4096)
        FileManager.default.createFile(atPath: huge.path, contents: head)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 200 << 20)  // sparse: no disk used
        try handle.close()
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("photos/huge.jpg"), err)
        XCTAssertTrue(err.contains("209715200 bytes"), err)
        // The build's own peak memory, measured by time(1) (the test process's other children do not count).
        let timed = try Fixture.run("/usr/bin/time", ["-f", "maxrss=%M", Fixture.binary, "build", path, "--out", Fixture.temporaryFolder().path],
                                    environment: ["PRESSKIT_HOME": Fixture.repository.path])
        XCTAssertEqual(timed.status, 1, timed.err)
        let kilobytes = try XCTUnwrap(timed.err.split(separator: "\n").last { $0.hasPrefix("maxrss=") }.flatMap { Int($0.dropFirst(7)) }, timed.err)
        XCTAssertLessThan(kilobytes, 200 * 1024, "the build used \(kilobytes / 1024) MiB: the file was read")
    }

    /// Item 10: a NUL or another control character inside a quoted string is an error at its field.
    func testControlCharactersInTextAreRefused() throws {
        for (escape, name) in [("\\0", "U+0000"), ("\\x07", "U+0007"), ("\\e", "U+001B")] {
            let path = try Fixture.exampleVariant("  place: Paris\n  date: 2019-05-15\n  number", with: "  place: \"Pa\(escape)ris\"\n  date: 2019-05-15\n  number")
            let err = try Fixture.refused(path)
            XCTAssertTrue(err.contains(":\(try Fixture.line(of: "Pa\(escape)ris", in: path)):"), err)
            XCTAssertTrue(err.contains("error: release.place: a control character \(name)"), err)
        }
    }

    /// Item 11: a truncated JPEG is refused with its file and field, by `check` as by `build`.
    func testATruncatedJPEGIsRefused() throws {
        let path = try Fixture.exampleVariant("  - file: photos/reunion.jpg", with: "  - file: photos/cut.jpg")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("photos")
        let whole = try Data(contentsOf: folder.appendingPathComponent("reunion.jpg"))
        try whole.prefix(whole.count / 2).write(to: folder.appendingPathComponent("cut.jpg"))
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("photos/cut.jpg"), err)
        XCTAssertTrue(err.contains("damaged"), err)
        XCTAssertTrue(err.contains(":\(try Fixture.line(of: "photos/cut.jpg", in: path)):"), "reported at the meeting file's line: \(err)")
    }

    /// Item 11 (found by an outside tester): a PNG whose compressed image data is cut short, its chunks whole
    /// and their checksums right, is refused by `check` as by `build`, at the meeting file's field.
    func testAPNGWithItsImageDataCutShortIsRefused() throws {
        let path = try Fixture.exampleVariant("  - file: photos/reunion.jpg", with: "  - file: photos/cut.png")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("photos")
        let whole = folder.appendingPathComponent("whole.png")
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 200)!
        let cr = cairo_create(surface)!
        for y in 0..<200 { cairo_set_source_rgb(cr, Double(y) / 200, 0.3, 0.6); cairo_rectangle(cr, 0, Double(y), 100, 1); cairo_fill(cr) }
        cairo_destroy(cr)
        XCTAssertEqual(cairo_surface_write_to_png(surface, whole.path), CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)
        // Keep a third of the first IDAT chunk, with a checksum that matches what is kept.
        var bytes = [UInt8](try Data(contentsOf: whole))
        var at = 8
        while at + 12 <= bytes.count {
            let length = bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            if bytes[(at + 4)..<(at + 8)].elementsEqual("IDAT".utf8) {
                let kept = length / 3
                let crc = CRC32.checksum(bytes[(at + 4)..<(at + 8 + kept)])
                let chunk = [UInt8]("IDAT".utf8) + bytes[(at + 8)..<(at + 8 + kept)]
                let size = [UInt8(kept >> 24 & 255), UInt8(kept >> 16 & 255), UInt8(kept >> 8 & 255), UInt8(kept & 255)]
                let check = [UInt8(crc >> 24 & 255), UInt8(crc >> 16 & 255), UInt8(crc >> 8 & 255), UInt8(crc & 255)]
                bytes.replaceSubrange(at..<(at + 12 + length), with: size + chunk + check)
                break
            }
            at += 12 + length
        }
        try Data(bytes).write(to: folder.appendingPathComponent("cut.png"))
        let err = try Fixture.refused(path)
        XCTAssertTrue(err.contains("meeting.yaml:\(try Fixture.line(of: "photos/cut.png", in: path)):"), err)
        XCTAssertTrue(err.contains("photos/cut.png\" is damaged") || err.contains("photos/cut.png\" is truncated"), err)
    }
}

/// Issue 13 (item 1): every node the Markdown parser returns is printed or is an error at its field; text
/// that cmark reads as an HTML block, a code block, a rule or a link reference definition used to vanish.
final class UnprintedMarkdownTests: XCTestCase {
    func testMarkdownThatWouldVanishIsAnErrorAtItsField() throws {
        let cases: [(String, String)] = [
            ("<div>**Cédric O**</div>, secrétaire", "an HTML block"),
            // In the lead's folded block, each blank line is a line break.
            ("**Cédric O**, secrétaire\n\n    ```\n\n    code\n\n    ```\n\n    et", "a code block"),
            ("**Cédric O**, secrétaire\n\n    ***\n\n    et", "a horizontal rule"),
            ("**Cédric O**, secrétaire\n\n    [g7]: https://www.elysee.fr\n\n    et", "a link reference definition"),
        ]
        for (replacement, expected) in cases {
            let path = try Fixture.exampleVariant("**Cédric O**, secrétaire", with: replacement)
            let err = try Fixture.refused(path)
            XCTAssertTrue(err.contains("lead: \(expected)"), "\(expected): \(err)")
            XCTAssertTrue(err.contains("meeting.yaml:\(try Fixture.line(of: "lead:", in: path) + 1):"), err)
        }
    }
}
