import XCTest
import CSharedFontFiles
@testable import PressKit

/// Each font file is mapped once for the process (Sources/CSharedFontFiles): Pango's font maps, one per
/// thread, share one HarfBuzz blob of it, and Cairo's FreeType face reads that same memory.
final class SharedFontFilesTests: XCTestCase {
    /// How many times each font file of the repository's Assets is mapped in this process.
    func fontMappings() throws -> [String: Int] {
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        var count: [String: Int] = [:]
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if path.contains("/Assets/fonts/") { count[path, default: 0] += 1 }
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
