import XCTest
@testable import PressKitModel

/// The digests kept between processes (`~/.cache/presskit/digests.txt`): what one process learns, the next
/// reads back; the store stays bounded, used records first; a file of another format or a damaged line costs
/// a re-hash, never a wrong digest.
final class DigestMemoryTests: XCTestCase {
    private func files(_ count: Int, in folder: URL) throws -> [URL] {
        try (0..<count).map { k in
            let url = folder.appendingPathComponent("font-\(k).ttf")
            try Data("glyphs \(k)".utf8).write(to: url)
            return url
        }
    }

    func testTheNextProcessReadsTheDigestsBack() throws {
        let folder = Fixture.temporaryFolder()
        let store = folder.appendingPathComponent("cache/digests.txt")
        let urls = try files(3, in: folder)
        let first = DigestMemory(store: store)
        let inputs = BuildInputs(memory: first)
        let digests = urls.map { inputs.depend(on: $0) }
        XCTAssertEqual(Set(digests).count, 3)
        XCTAssertEqual(digests[0], Digest.sha256(Data("glyphs 0".utf8)))
        first.save()
        let text = try String(contentsOf: store, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix(DigestMemory.header + "\n"), text)
        let second = DigestMemory(store: store)
        XCTAssertEqual(second.count, 3)
        for (url, digest) in zip(urls, digests) {
            let record = try XCTUnwrap(second.record(for: url.standardizedFileURL.path))
            XCTAssertEqual(record.digest, digest)
            XCTAssertEqual(record.stamp, FileStamp.of(url.path))
        }
    }

    func testTheStoreKeepsTheUsedRecordsThenTheNewest() throws {
        let folder = Fixture.temporaryFolder()
        let store = folder.appendingPathComponent("digests.txt")
        let urls = try files(6, in: folder)
        var records: [String: BuildInputs.Record] = [:]
        for (k, url) in urls.enumerated() {
            records[url.path] = BuildInputs.Record(stamp: FileStamp.of(url.path), takenAt: Int64(1_000 + k), digest: "d\(k)")
        }
        // A record of a file that is gone is dropped before any other.
        records[folder.appendingPathComponent("gone.ttf").path] = BuildInputs.Record(stamp: FileStamp(kind: .file, size: 3), takenAt: 9_999, digest: "gone")
        try DigestMemory.encode(records).write(to: store)
        let memory = DigestMemory(store: store, capacity: 3)
        XCTAssertEqual(memory.count, 7)
        XCTAssertEqual(memory.record(for: urls[0].path)?.digest, "d0")  // the oldest, but used
        memory.remember(BuildInputs.Record(stamp: FileStamp.of(urls[1].path), takenAt: 5_000, digest: "new"), for: urls[1].path)
        memory.save()
        let kept = DigestMemory.decode(try Data(contentsOf: store))
        XCTAssertEqual(Set(kept.keys), [urls[0].path, urls[1].path, urls[5].path])
        XCTAssertEqual(kept[urls[1].path]?.digest, "new")
    }

    func testAnotherFormatOrADamagedLineGivesNoRecord() throws {
        let old = Data(#"{"/a/font.ttf":{"digest":"x","takenAt":1,"stamp":{"kind":"file"}}}"#.utf8)
        XCTAssertTrue(DigestMemory.decode(old).isEmpty)
        let line = "/a/b.ttf\tabc\tfile\t1\t2\t3\t-4\t5\t6"
        let text = [DigestMemory.header, line, "/a/c.ttf\tabc\tfile\t1\t2\t3\t4\t5", "/a/d.ttf\tabc\tsocket\t1\t2\t3\t4\t5\t6",
                    "/a/e.ttf\tabc\tfile\t1\tx\t3\t4\t5\t6", "/a/f.ttf\tabc\tfile\t1\t2\t3\t99999999999999999999\t5\t6"].joined(separator: "\n")
        let records = DigestMemory.decode(Data(text.utf8))
        XCTAssertEqual(Array(records.keys), ["/a/b.ttf"])
        XCTAssertEqual(records["/a/b.ttf"], BuildInputs.Record(stamp: FileStamp(kind: .file, device: 1, inode: 2, size: 3, modified: -4, changed: 5),
                                                               takenAt: 6, digest: "abc"))
        // A path holding a tab or a line break is not written (it would split the line).
        let odd = ["/a/tab\there.ttf": BuildInputs.Record(stamp: FileStamp(kind: .absent), takenAt: 1, digest: nil),
                   "/a/plain.ttf": BuildInputs.Record(stamp: FileStamp(kind: .absent), takenAt: 1, digest: nil)]
        XCTAssertEqual(Array(DigestMemory.decode(DigestMemory.encode(odd)).keys), ["/a/plain.ttf"])
        XCTAssertNil(DigestMemory.decode(DigestMemory.encode(odd))["/a/plain.ttf"]?.digest)
    }
}
