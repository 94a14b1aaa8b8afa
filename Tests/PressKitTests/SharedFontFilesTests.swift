import XCTest
import CCairoPango
import CSharedFontFiles
@testable import PressKit

/// Each font file is mapped once for the process (Sources/CSharedFontFiles): Pango's font maps, one per
/// thread, share one HarfBuzz blob of it, and Cairo's FreeType face reads that same memory.
final class SharedFontFilesTests: XCTestCase {
    /// How many times each font file is mapped in this process.
    func fontMappings() -> [String: Int] {
        let maps = processMaps()
        var count: [String: Int] = [:]
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            // A file removed since it was mapped (a test's copy of the fonts) is named with " (deleted)".
            var path = String(line[slash...])
            if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
            if [".otf", ".ttf", ".ttc"].contains(where: { path.hasSuffix($0) }) { count[path, default: 0] += 1 }
        }
        return count
    }

    func testEachFontFileIsMappedOnceWhateverReadsIt() throws {
        // The six documents: laid out on two threads (two font maps), drawn by Cairo.
        let out = Fixture.temporaryFolder()
        let pipeline = Pipeline(home: Fixture.home)
        let built = try pipeline.build(BuildRequest(meetingPath: Fixture.example.path, outputFolder: out,
                                                    created: Date(timeIntervalSince1970: 1_557_878_400)))
        XCTAssertEqual(built.count, 6)
        // While the pipeline keeps its text contexts (and so its fonts).
        withExtendedLifetime(pipeline) {
            let mapped = fontMappings()
            XCTAssertGreaterThanOrEqual(mapped.keys.filter { $0.hasSuffix("Inter-Regular.otf") }.count, 1, "the example's font is mapped: \(mapped)")
            for (path, times) in mapped { XCTAssertEqual(times, 1, "\(path) mapped \(times) times") }
            XCTAssertGreaterThanOrEqual(pk_shared_font_files_count(), 4, "Inter's four faces shared")
        }
    }
}

/// A font file is shared as it is: replaced, it is mapped anew; just written, it is not shared at all.
final class SharedFontFileStampTests: XCTestCase {
    /// Where HarfBuzz's blob of `path` holds the file's bytes, and how many.
    func blob(_ path: String) -> (data: UnsafePointer<CChar>?, length: UInt32, blob: OpaquePointer?) {
        let blob = hb_blob_create_from_file(path)
        var length: UInt32 = 0
        let data = hb_blob_get_data(blob, &length)
        return (data, length, blob)
    }

    func copy(_ font: String, to file: URL, secondsAgo: Double) throws {
        try? FileManager.default.removeItem(at: file)
        try FileManager.default.copyItem(at: Fixture.repository.appendingPathComponent("Assets/fonts/\(font)"), to: file)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: file.path)
    }

    func testAFileIsUnmappedWhenItsLastReaderLetsGo() throws {
        let file = Fixture.temporaryFolder().appendingPathComponent("face.otf")
        try copy("Inter/Inter-Regular.otf", to: file, secondsAgo: 60)
        let mapped = { processMaps().components(separatedBy: file.path).count }
        let first = blob(file.path), second = blob(file.path)
        XCTAssertEqual(mapped(), 2, "one mapping for both blobs")
        hb_blob_destroy(first.blob)
        XCTAssertEqual(mapped(), 2, "kept while a blob reads it")
        hb_blob_destroy(second.blob)
        XCTAssertEqual(mapped(), 1, "unmapped with its last reader")
    }

    func testAReplacedFontFileIsReadAnewAndAJustWrittenOneIsNotShared() throws {
        let file = Fixture.temporaryFolder().appendingPathComponent("face.otf")
        try copy("Inter/Inter-Regular.otf", to: file, secondsAgo: 60)
        let first = blob(file.path), second = blob(file.path)
        defer { for b in [first.blob, second.blob] { hb_blob_destroy(b) } }
        XCTAssertGreaterThan(first.length, 100_000)
        XCTAssertEqual(first.data, second.data, "one mapping for both")

        // Another font under the same name: its own bytes, not the kept ones.
        try copy("DejaVu/DejaVuSans.ttf", to: file, secondsAgo: 30)
        let replaced = blob(file.path)
        defer { hb_blob_destroy(replaced.blob) }
        XCTAssertNotEqual(replaced.data, first.data)
        XCTAssertEqual(Int(replaced.length), try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)

        // Changed a moment ago: a later change in the same tick could not be told, so each gets its own.
        try copy("Inter/Inter-Bold.otf", to: file, secondsAgo: 0)
        let fresh = blob(file.path), again = blob(file.path)
        defer { for b in [fresh.blob, again.blob] { hb_blob_destroy(b) } }
        XCTAssertNotEqual(fresh.data, again.data)
        XCTAssertEqual(fresh.length, again.length)
    }
}

/// This process's memory map, read to its end (/proc files have no size: Foundation's readers stop early).
func processMaps() -> String {
    let fd = open("/proc/self/maps", O_RDONLY)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        bytes += chunk[..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}
