import XCTest
import CLazyLibraries

/// The text and graphics libraries are loaded when first called (Sources/CLazyLibraries/generate.py): a
/// run that never calls them does not map them, a build does and gets the same PDFs.
final class LazyLibrariesTests: XCTestCase {
    /// The libraries the stubs stand for, as the loader names them when it maps one (LD_DEBUG=files).
    let lazy = ["libcairo.so.2", "libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0", "libfontconfig.so.1",
                "libglib-2.0.so.0", "libgobject-2.0.so.0", "libgdk_pixbuf-2.0.so.0", "libcmark-gfm.so.0.29.0.gfm.6", "libhyphen.so.0"]

    /// The libraries the loader mapped in a run of `presskit args`, and when: at start, or later (dlopen,
    /// theirs or a library's they need), from glibc's own account of it (LD_DEBUG=files), where
    /// "transferring control" ends the start.
    func mapped(_ args: [String]) throws -> (status: Int32, out: String, loads: [String: String]) {
        let r = try Fixture.presskit(args, environment: ["LD_DEBUG": "files"])
        var loads: [String: String] = [:]
        var when = "at start"
        // "     1234:	file=libcairo.so.2 [0];  dynamically loaded by …/presskit [0]"
        for line in r.err.split(separator: "\n") {
            if line.contains("transferring control") { when = "later" }
            guard let at = line.range(of: "file="), let end = line.range(of: " ", range: at.upperBound..<line.endIndex) else { continue }
            let name = String(line[at.upperBound..<end.lowerBound])
            if loads[name] == nil { loads[name] = when }
        }
        return (r.status, r.out, loads)
    }

    func testAProgramThatDrawsNothingMapsNoneOfThem() throws {
        #if arch(x86_64)
        let run = try mapped(["--version"])
        XCTAssertEqual(run.status, 0)
        XCTAssertFalse(run.loads.isEmpty, "LD_DEBUG gave no account of the libraries mapped")
        XCTAssertNotNil(run.loads["libc.so.6"], "\(run.loads)")
        for name in lazy { XCTAssertNil(run.loads[name], "\(name) mapped by --version") }
        #endif
    }

    func testABuildLoadsThemWhenFirstCalledAndARebuildWithNothingToDoNever() throws {
        let out = Fixture.temporaryFolder()
        let first = try mapped(["build", Fixture.example.path, "--out", out.path])
        XCTAssertEqual(first.status, 0)
        XCTAssertTrue(first.out.contains("communique.fr.pdf  1 page"), first.out)
        let pdf = try Data(contentsOf: out.appendingPathComponent("g7-numerique-2019/communique.fr.pdf"))
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        #if arch(x86_64)
        for name in lazy where name != pixbuf { XCTAssertEqual(first.loads[name], "later", "\(name) in a build") }
        XCTAssertNil(first.loads[pixbuf], "a PDF build decodes no JPEG: Cairo embeds its bytes")
        let again = try mapped(["build", Fixture.example.path, "--out", out.path])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.out.contains("nothing changed"), again.out)
        for name in lazy { XCTAssertNil(again.loads[name], "\(name) mapped by a rebuild with nothing to do") }
        #endif
    }

    /// gdk-pixbuf, which brings GIO's content sniffing and libjpeg, is loaded apart: only when a JPEG's
    /// pixels are decoded, for a picture of a page.
    let pixbuf = "libgdk_pixbuf-2.0.so.0"

    func testAPictureOfAPageWithAPhotographLoadsGdkPixbuf() throws {
        let run = try mapped(["build", Fixture.example.path, "--to", "png", "--dpi", "20", "--layout", "press-kit", "--lang", "fr",
                              "--out", Fixture.temporaryFolder().path])
        XCTAssertEqual(run.status, 0, run.out)
        #if arch(x86_64)
        XCTAssertEqual(run.loads[pixbuf], "later", "the press kit's photograph decoded for its picture")
        #endif
    }

    func testTheLoaderFindsEveryFunction() {
        XCTAssertEqual(pk_lazy_libraries_load(), 1)
        XCTAssertNil(pk_lazy_libraries_error().map { String(cString: $0) })
    }

    /// A program whose first call into the libraries passes six floating-point arguments: the stub saves the
    /// argument registers while it loads the libraries, and the function receives them whole.
    func testTheFirstCallKeepsItsArguments() throws {
        #if arch(x86_64)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let clang = try XCTUnwrap(path.split(separator: ":").map { "\($0)/clang" }.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "clang (the Swift toolchain's) on PATH")
        let folder = Fixture.temporaryFolder()
        let main = folder.appendingPathComponent("main.c"), program = folder.appendingPathComponent("first-call")
        try """
            #include <cairo.h>
            #include <stdio.h>
            int main(void) {
                cairo_matrix_t m;
                cairo_matrix_init(&m, 1.5, -2.25, 3.125, 4.0, 5.5, 6.75);
                printf("%g %g %g %g %g %g\\n", m.xx, m.yx, m.xy, m.yy, m.x0, m.y0);
                return 0;
            }
            """.write(to: main, atomically: true, encoding: .utf8)
        let loader = Fixture.repository.appendingPathComponent("Sources/CLazyLibraries")
        let cairo = try Fixture.run(Fixture.which("pkg-config"), ["--cflags", "cairo"]).out.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        let built = try Fixture.run(clang, ["-O2", "-I", loader.appendingPathComponent("include").path] + cairo.filter { !$0.isEmpty }
                                    + [main.path, loader.appendingPathComponent("lazy_libraries.c").path, "-ldl", "-lpthread", "-o", program.path])
        XCTAssertEqual(built.status, 0, built.err)
        let run = try Fixture.run(program.path, [], environment: ["LD_DEBUG": "files"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "1.5 -2.25 3.125 4 5.5 6.75\n", "a register restored wrong gives another number")
        XCTAssertTrue(run.err.contains("file=libcairo.so.2") && run.err.contains("dynamically loaded"), "cairo loaded by the first call")
        #endif
    }
}
