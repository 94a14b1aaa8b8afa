import XCTest
import CCairoPango
@testable import PressKit
@testable import PressKitServe

/// `presskit watch --serve` through the binary (issue 17): the preview answers on loopback only, serves
/// the pages as pictures and each page's source map, refuses everything but the meeting's own documents,
/// tells an open page after each save, keeps the last good pages through a broken save, stops on Ctrl-C,
/// and shows the first page in a real browser (headless Chromium).
final class PreviewTests: XCTestCase {
    /// A running `watch --serve` (a `WatchProcess`) on a copy of the example, and the port it serves on.
    final class Preview: @unchecked Sendable {
        let watch: WatchProcess
        let meeting: String
        private(set) var port = 0

        init(meeting: String, out: URL, extra: [String] = []) throws {
            self.meeting = meeting
            watch = try WatchProcess(["watch", meeting, "--serve", "--port", "0", "--out", out.path] + extra)
            let prefix = "preview: http://127.0.0.1:"
            XCTAssertTrue(watch.waitFor(prefix), watch.log)
            let line = try XCTUnwrap(watch.log.components(separatedBy: "\n").first { $0.hasPrefix(prefix) })
            port = try XCTUnwrap(Int(line.dropFirst(prefix.count).prefix { $0.isNumber }))
            XCTAssertTrue(watch.waitFor("rebuilt, "), watch.log)
        }

        /// GET `path` on the preview: status and body.
        func get(_ path: String) throws -> (status: Int, body: Data) {
            let run = try Fixture.runForBytes(Fixture.which("curl"), ["-s", "--path-as-is", "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"])
            let cut = try XCTUnwrap(run.out.lastIndex(of: UInt8(ascii: "\n")))
            return (Int(String(decoding: run.out[(cut + 1)...], as: UTF8.self)) ?? 0, Data(run.out[..<cut]))
        }

        func state() throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: get("/state.json").body) as? [String: Any])
        }

        deinit { watch.stop() }
    }

    static func pngSize(_ data: Data) -> (Int, Int)? {
        guard data.count > 24, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        let b = [UInt8](data[16..<24])
        return (Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3]), Int(b[4]) << 24 | Int(b[5]) << 16 | Int(b[6]) << 8 | Int(b[7]))
    }

    func testThePreviewServesTheMeetingsPagesAndNothingElse() throws {
        let meeting = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique, press-kit]")
        let preview = try Preview(meeting: meeting, out: Fixture.temporaryFolder())
        // Loopback only: the listening socket is bound to 127.0.0.1, not to every address.
        let sockets = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        let hexPort = String(format: ":%04X", preview.port)
        let listening = sockets.split(separator: "\n").filter { $0.contains(hexPort + " ") && $0.contains(" 0A ") }
        XCTAssertFalse(listening.isEmpty, "a socket listens on the port")
        for line in listening { XCTAssertTrue(line.contains("0100007F" + hexPort), "bound to 127.0.0.1 only: \(line)") }

        let page = try preview.get("/")
        XCTAssertEqual(page.status, 200)
        let html = String(decoding: page.body, as: UTF8.self)
        for name in ["communique.fr", "communique.en", "press-kit.fr", "press-kit.en"] {
            XCTAssertTrue(html.contains("src=\"/pages/\(name)/1.png?g=1\""), "the page shows \(name)'s first page")
        }
        let png = try preview.get("/pages/communique.fr/1.png")
        XCTAssertEqual(png.status, 200)
        let size = try XCTUnwrap(Self.pngSize(png.body))
        XCTAssertEqual(size.0, Int((595.2756 * 96 / 72).rounded()), "A4 at 96 dpi")
        XCTAssertEqual(size.1, Int((841.8898 * 96 / 72).rounded()))
        let pdf = try preview.get("/pdf/press-kit.en.pdf")
        XCTAssertEqual(pdf.status, 200)
        XCTAssertEqual(pdf.body.prefix(5), Data("%PDF-".utf8))
        // Nothing but the meeting's documents: no path reaches a file, however it is written.
        for path in ["/pages/communique.fr/99.png", "/pages/nothing/1.png", "/pdf/meeting.pdf", "/pdf/..%2Fmeeting.yaml",
                     "/pdf/../../etc/passwd", "/pages/..%2F..%2F..%2Fetc/passwd.png", "/meeting.yaml", "/etc/passwd", "/map/communique.fr/0.json"] {
            XCTAssertEqual(try preview.get(path).status, 404, path)
        }
        // The source map: the lead's lines are named at the lead's line in the meeting file, with its field.
        let map = try XCTUnwrap(try JSONSerialization.jsonObject(with: preview.get("/map/communique.fr/1.json").body) as? [[String: Any]])
        let lead = try XCTUnwrap(try Meeting.load(meeting).data["lead"])
        let leadMark = lead.languageMarks["fr"] ?? lead.mark
        let places = map.filter { ($0["line"] as? Int) == leadMark.line && ($0["column"] as? Int) == leadMark.column }
        XCTAssertFalse(places.isEmpty, "the lead's lines point at its place in the meeting file")
        XCTAssertEqual(places.first?["field"] as? String, lead.languageMarks["fr"] != nil ? "lead.fr" : "lead")
        XCTAssertTrue(map.allSatisfy { ($0["width"] as? Double ?? 0) > 0 && ($0["x"] as? Double ?? -1) >= 0 })
    }

    /// A save tells an open page at once (server-sent events); a broken save shows its error with its line
    /// while the last good pages stay; the next good save gives new pages. Ctrl-C stops the server.
    func testTheOpenPageIsToldOfEachSaveAndKeepsTheLastGoodPages() throws {
        let meeting = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let preview = try Preview(meeting: meeting, out: Fixture.temporaryFolder(), extra: ["--lang", "fr"])
        let events = Process()
        events.executableURL = URL(fileURLWithPath: Fixture.which("curl"))
        events.arguments = ["-sN", "http://127.0.0.1:\(preview.port)/events"]
        let pipe = Pipe()
        events.standardOutput = pipe
        final class Box: @unchecked Sendable { var text = ""; let lock = NSLock() }
        let received = Box()
        pipe.fileHandleForReading.readabilityHandler = { h in
            let s = String(decoding: h.availableData, as: UTF8.self)
            received.lock.withLock { received.text += s }
        }
        try events.run()
        defer { if events.isRunning { events.terminate() } }
        func waitForEvent(_ n: Int) -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if received.lock.withLock({ received.text.contains("event: build\ndata: \(n)\n") }) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }
        XCTAssertTrue(waitForEvent(1), "the stream says where things stand when it opens")
        let first = try preview.get("/pages/communique.fr/1.png").body

        let text = try String(contentsOfFile: meeting, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "  date: 2019-05-15", with: "  date: 2019-13-45")
        XCTAssertNotEqual(broken, text)
        try broken.write(toFile: meeting, atomically: false, encoding: .utf8)
        XCTAssertTrue(waitForEvent(2), "told after the broken save")
        var state = try preview.state()
        XCTAssertEqual(state["generation"] as? Int, 1, "no new pages from a broken save")
        let problem = try XCTUnwrap((state["problems"] as? [[String: Any]])?.first)
        XCTAssertEqual(problem["line"] as? Int, try Fixture.line(of: "  date: 2019-13-45", in: meeting))
        XCTAssertEqual(problem["source"] as? String, "  date: 2019-13-45")
        XCTAssertEqual(try preview.get("/pages/communique.fr/1.png").body, first, "the last good page is still served")
        let page = String(decoding: try preview.get("/").body, as: UTF8.self)
        XCTAssertTrue(page.contains("the last save has errors") && page.contains("2019-13-45"), "the page shows the error")

        try text.replacingOccurrences(of: "comment lutter efficacement", with: "comment lutter bien plus efficacement")
            .write(toFile: meeting, atomically: false, encoding: .utf8)
        XCTAssertTrue(waitForEvent(3), "told after the good save")
        state = try preview.state()
        XCTAssertEqual(state["generation"] as? Int, 2)
        XCTAssertEqual((state["problems"] as? [Any])?.count, 0)
        XCTAssertNotEqual(try preview.get("/pages/communique.fr/1.png?g=2").body, first, "the new text is on the new page")

        kill(preview.watch.process.processIdentifier, SIGINT)
        XCTAssertTrue(preview.watch.waitForExit(), "Ctrl-C stops it, though a page holds a stream open")
        XCTAssertEqual(preview.watch.process.terminationStatus, 0)
        XCTAssertTrue(preview.watch.log.contains("preview stopped"))
    }

    /// Headless Chromium opens the preview: its screenshot shows the first page as the server draws it.
    /// The screenshot, the page and their difference are written to .build/preview-screenshots/.
    func testABrowserShowsTheFirstPage() throws {
        let meeting = try Fixture.exampleVariant("documents: [communique, press-kit, presidency-summary]", with: "documents: [communique]")
        let preview = try Preview(meeting: meeting, out: Fixture.temporaryFolder(), extra: ["--lang", "fr"])
        let folder = Fixture.repository.appendingPathComponent(".build/preview-screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shot = folder.appendingPathComponent("screenshot.png")
        try? FileManager.default.removeItem(at: shot)
        let browser = try Fixture.run(Fixture.which("chromium"), ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                                  "--force-device-scale-factor=1", "--window-size=1200,1000",
                                                                  "--user-data-dir=\(Fixture.temporaryFolder().path)",
                                                                  "--screenshot=\(shot.path)", "http://127.0.0.1:\(preview.port)/"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: shot.path), browser.err)
        let expected = folder.appendingPathComponent("page.png")
        try preview.get("/pages/communique.fr/1.png").body.write(to: expected)
        let screen = try Raster(shot.path), page = try Raster(expected.path)
        // The page stands on the grey background: its left edge is the first white pixel of a row through
        // its middle, its top the first white pixel down a column inside it.
        let middle = 400
        let left = try XCTUnwrap((0..<screen.width / 2).first { screen.pixel($0, middle) == (255, 255, 255) }, "a white page in the screenshot")
        let top = try XCTUnwrap((40..<middle).first { screen.pixel(left + 4, $0) == (255, 255, 255) })
        let rows = min(page.height, screen.height - 60 - top)  // the bar at the bottom covers the end
        XCTAssertGreaterThan(rows, 600, "most of the page is on the screen")
        var difference = 0.0, count = 0
        let diff = try Raster(width: page.width, height: rows)
        for y in 0..<rows {
            for x in 0..<min(page.width, screen.width - left) {
                let a = screen.pixel(left + x, top + y), b = page.pixel(x, y)
                let d = (abs(Int(a.0) - Int(b.0)) + abs(Int(a.1) - Int(b.1)) + abs(Int(a.2) - Int(b.2))) / 3
                difference += Double(d)
                count += 1
                diff.set(x, y, UInt8(255 - min(255, d * 4)))
            }
        }
        try diff.write(folder.appendingPathComponent("difference.png").path)
        let mean = difference / Double(count)
        XCTAssertLessThan(mean, 2.0, "the screenshot shows the page as drawn (mean difference \(mean) of 255); see \(folder.path)")
        // The measure tells a page from the same page two pixels off: the check could fail.
        var shifted = 0.0
        for y in stride(from: 0, to: rows - 2, by: 3) {
            for x in 0..<min(page.width, screen.width - left - 2) {
                let a = screen.pixel(left + x + 2, top + y + 2), b = page.pixel(x, y)
                shifted += Double(abs(Int(a.0) - Int(b.0)) + abs(Int(a.1) - Int(b.1)) + abs(Int(a.2) - Int(b.2))) / 3
            }
        }
        shifted /= Double((rows - 2 + 2) / 3 * min(page.width, screen.width - left - 2))
        XCTAssertGreaterThan(shifted, max(4 * mean, 1.0), "two pixels off differs clearly (\(shifted) against \(mean))")
        print("preview screenshot: mean difference \(mean) of 255 where the page stands; \(shifted) two pixels off")
        // And the page is not blank: it has text (dark pixels) in its upper third.
        let dark = (0..<page.height / 3).reduce(0) { sum, y in sum + (0..<page.width).filter { page.pixel($0, y).0 < 100 }.count }
        XCTAssertGreaterThan(dark, 2000)
    }
}

/// An RGB picture read from or written to a PNG through Cairo, for comparing screenshots.
final class Raster {
    let surface: OpaquePointer
    let width: Int, height: Int, stride: Int
    let data: UnsafeMutablePointer<UInt8>

    init(_ path: String) throws {
        surface = cairo_image_surface_create_from_png(path)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw DiagnosticError(.internalFailure("cannot read \(path)")) }
        width = Int(cairo_image_surface_get_width(surface)); height = Int(cairo_image_surface_get_height(surface))
        stride = Int(cairo_image_surface_get_stride(surface)); data = cairo_image_surface_get_data(surface)
    }

    init(width: Int, height: Int) throws {
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        self.width = width; self.height = height
        stride = Int(cairo_image_surface_get_stride(surface)); data = cairo_image_surface_get_data(surface)
    }

    /// The red, green and blue of a pixel (premultiplied with white where the picture is transparent).
    func pixel(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        let p = data + y * stride + x * 4
        return (p[2], p[1], p[0])
    }

    func set(_ x: Int, _ y: Int, _ grey: UInt8) {
        let p = data + y * stride + x * 4
        p[0] = grey; p[1] = grey; p[2] = grey; p[3] = 255
    }

    func write(_ path: String) throws {
        cairo_surface_mark_dirty(surface)
        guard cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS else { throw DiagnosticError(.internalFailure("cannot write \(path)")) }
    }

    deinit { cairo_surface_destroy(surface) }
}
