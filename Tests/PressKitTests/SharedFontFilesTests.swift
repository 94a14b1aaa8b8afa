import XCTest
import CCairoPango
import CSharedFontFiles
@testable import PressKit

/// Each font file is mapped once for the process (Sources/CSharedFontFiles): Pango's font maps, one per
/// thread, share one HarfBuzz blob of it, and Cairo's FreeType face reads that same memory.
final class SharedFontFilesTests: XCTestCase {
    /// How many times each font file is mapped in this process.
    func fontMappings() throws -> [String: Int] {
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
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
        let built = try Pipeline(home: Fixture.home).build(BuildRequest(meetingPath: Fixture.example.path, outputFolder: out,
                                                                         created: Date(timeIntervalSince1970: 1_557_878_400)))
        XCTAssertEqual(built.count, 6)
        let mapped = try fontMappings()
        XCTAssertGreaterThanOrEqual(mapped.keys.filter { $0.hasSuffix("Inter-Regular.otf") }.count, 1, "the example's font is mapped: \(mapped)")
        for (path, times) in mapped { XCTAssertEqual(times, 1, "\(path) mapped \(times) times") }
        XCTAssertGreaterThanOrEqual(pk_shared_font_files_count(), 4, "Inter's four faces shared")
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
