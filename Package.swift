// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Every linked program carries a GNU build id: the identity of the build that PDFs' fingerprints include
/// (`BuildIdentity`), fixed when the program is linked, read from memory at run time. Programs are linked by
/// the toolchain's lld with relative relocations packed (DT_RELR, glibc 2.36): the 85,000 that Swift's
/// metadata needs took 2 MiB that the loader read at every start; they take 16 KiB (peak memory of the six
/// example documents 69.2 -> 67.3 MiB, same speed).
/// The functions usual runs execute are placed together at the start of the code (Sources/presskit/generate-order.py):
/// the kernel maps the 64 KiB around each page of code first touched, 12.9 of 19.6 MB when they were
/// scattered, 8.0 MB together (peak memory of the six example documents about 4 MiB lower), 5.3 MB since
/// every function has a section of its own (.ci/release-build) and those without a symbol are placed first by
/// their sections (hot-sections.ld, a linker script that only inserts them at the start of the code).
/// The program's dynamic symbol table holds only the two functions it defines for the libraries it loads
/// (Sources/CSharedFontFiles): the Swift toolchain's static linking exports every symbol, 10,000 names the
/// dynamic linker searched (and the kernel mapped, 0.6 MiB) each time a library loaded later looked up one
/// of its own.
let exported = ["hb_blob_create_from_file", "FT_New_Face"]
let hotFunctions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources/presskit/hot-functions.txt").path
let hotSections = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sources/presskit/hot-sections.ld").path
let buildID: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld", "-Xlinker", "--build-id=sha1", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                              "-Xlinker", "--symbol-ordering-file=\(hotFunctions)", "-Xlinker", "--no-warn-symbol-ordering",
                                              "-Xlinker", "--script=\(hotSections)"]
                                             + exported.flatMap { ["-Xlinker", "--export-dynamic-symbol=\($0)"] } + ["-Xlinker", "--no-export-dynamic"],
                                             .when(platforms: [.linux]))]

/// pkg-config's words for `packages` (`--cflags` or `--libs`), read when the manifest is evaluated.
func pkgConfig(_ option: String, _ packages: [String]) -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", option] + packages
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return [] }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}

/// The text and graphics libraries (Pango, HarfBuzz, Cairo, fontconfig, GLib, cmark, gdk-pixbuf, libhyphen).
/// On x86_64 the program does not link them: they are loaded when first called (see
/// Sources/CLazyLibraries/generate.py), so a run that never calls them (a rebuild with nothing to do,
/// --help) does not map 40 libraries at start (3 ms). Their headers' folders come from pkg-config, given to
/// every target that sees their modules; the system-library targets below name no library to link.
let graphicsPackages = ["pangoft2", "pangocairo", "cairo-ft", "libcmark-gfm", "gdk-pixbuf-2.0"]
let graphicsCFlags = pkgConfig("--cflags", graphicsPackages)
let graphicsHeaders: [SwiftSetting] = [.unsafeFlags(graphicsCFlags.flatMap { ["-Xcc", $0] })]
#if arch(x86_64)
let graphicsLinking: [LinkerSetting] = [.linkedLibrary("dl")]
#else
let graphicsLinking: [LinkerSetting] = [.linkedLibrary("dl"), .linkedLibrary("hyphen"), .linkedLibrary("cmark-gfm-extensions"),
                                        .unsafeFlags(pkgConfig("--libs", graphicsPackages))]
#endif

/// Release builds leave out the run-time exclusivity checks of the library's hot code (every access to a
/// class's stored array took a lock-free but costly check); debug builds, which the tests run, keep them.
let unchecked: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))] + graphicsHeaders

let package = Package(
    // Linux only: watch uses inotify, file stamps st_mtim/st_ctim, the build identity /proc/self/exe.
    name: "presskit",
    products: [
        .executable(name: "presskit", targets: ["presskit"]),
        .executable(name: "presskit-serve", targets: ["presskit-serve"]),
        .executable(name: "presskit-bench", targets: ["presskit-bench"]),
        .library(name: "PressKit", targets: ["PressKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairoPango", path: "Sources/CCairoPango",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo",
            providers: [.apt(["libcairo2-dev", "libfontconfig-dev"])]),
        .systemLibrary(
            name: "CCmark", path: "Sources/CCmark",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // libqpdf's C API, loaded when a PDF is first finished (dlopen), not at start-up: see generate.py.
        .target(name: "CQPDFLoader", path: "Sources/CQPDFLoader", exclude: ["generate.py"],
                linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(
            name: "CImages", path: "Sources/CImages",
            providers: [.apt(["libgdk-pixbuf-2.0-dev"])]),
        // The libraries of SVG logos, each loaded when first needed (dlopen), not at start-up: librsvg when an SVG
        // is first read (rsvg_loader.h), Cairo's script interpreter when a recorded logo is first replayed
        // (cairo_script_loader.h).
        .target(name: "CLogoLibraries", dependencies: ["CImages", "CCairo"], path: "Sources/CLogoLibraries", cSettings: [.unsafeFlags(graphicsCFlags)],
                linkerSettings: [.linkedLibrary("dl")]),
        // The text and graphics libraries above, loaded when first called, not at start-up: see generate.py.
        .target(name: "CLazyLibraries", path: "Sources/CLazyLibraries", exclude: ["generate.py"], linkerSettings: graphicsLinking),
        // Each font file mapped once for the process, whichever library opens it: see shared_font_files.c.
        .target(name: "CSharedFontFiles", path: "Sources/CSharedFontFiles", cSettings: [.unsafeFlags(graphicsCFlags)],
                linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(
            name: "CHyphen", path: "Sources/CHyphen",
            providers: [.apt(["libhyphen-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]),
        // The library, one target per layer; each imports only the layers before it, so the compiler keeps
        // the data flowing one way: model → document → layout → PDF → pipeline.
        .target(
            name: "PressKitModel",
            dependencies: ["CZlib", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/PressKitModel", swiftSettings: unchecked),
        .target(
            name: "PressKitDocument", dependencies: ["PressKitModel", "CLazyLibraries", "CCmark", "CImages", "CLogoLibraries"],
            path: "Sources/PressKitDocument", swiftSettings: unchecked),
        .target(
            name: "PressKitLayout", dependencies: ["PressKitModel", "PressKitDocument", "CCairoPango", "CHyphen", "CSharedFontFiles"],
            path: "Sources/PressKitLayout", swiftSettings: unchecked),
        .target(
            name: "PressKitPDF", dependencies: ["PressKitModel", "PressKitDocument", "PressKitLayout", "CCairo", "CImages", "CLogoLibraries", "CQPDFLoader"],
            path: "Sources/PressKitPDF", swiftSettings: unchecked),
        .target(
            name: "PressKit",
            dependencies: ["PressKitModel", "PressKitDocument", "PressKitLayout", "PressKitPDF", "CCairoPango", "CMalloc"],
            path: "Sources/PressKit", swiftSettings: graphicsHeaders),
        // The live preview's local web server (`watch --serve`): the only target that needs Hummingbird.
        .target(
            name: "PressKitServe",
            dependencies: ["PressKit", "PressKitModel", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Sources/PressKitServe", swiftSettings: graphicsHeaders),
        // The command line, as a library both programs run.
        .target(
            name: "PressKitCLI",
            dependencies: ["PressKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/PressKitCLI", swiftSettings: graphicsHeaders),
        .executableTarget(
            name: "presskit", dependencies: ["PressKitCLI"], path: "Sources/presskit", exclude: ["generate-order.py", "hot-functions.txt", "hot-sections.ld"], swiftSettings: graphicsHeaders, linkerSettings: buildID),
        // presskit with the preview's web server: `presskit watch --serve` hands the process to it.
        .executableTarget(
            name: "presskit-serve",
            dependencies: ["PressKitCLI", "PressKitServe"],
            path: "Sources/presskit-serve", swiftSettings: graphicsHeaders, linkerSettings: buildID),
        .executableTarget(
            name: "presskit-fuzz", dependencies: ["PressKit"], path: "Sources/presskit-fuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])] + graphicsHeaders, linkerSettings: buildID),
        .executableTarget(
            name: "presskit-bench", dependencies: ["PressKit"], path: "Sources/presskit-bench", exclude: ["floor.c"], swiftSettings: graphicsHeaders, linkerSettings: buildID),
        .testTarget(
            name: "PressKitTests",
            dependencies: ["PressKit", "PressKitModel", "PressKitDocument", "PressKitLayout", "PressKitPDF", "PressKitServe", "PressKitCLI", "CCairoPango", "CLazyLibraries", "CSharedFontFiles", "presskit", "presskit-serve",
                           .product(name: "Yams", package: "Yams")], path: "Tests/PressKitTests",
            exclude: ["Fixtures"], swiftSettings: graphicsHeaders, linkerSettings: buildID),
    ],
    swiftLanguageModes: [.v6]
)
