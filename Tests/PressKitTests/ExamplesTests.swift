import XCTest
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout

/// Every meeting of `Examples/`: `check` clean, each document's tree as recorded (golden files in
/// Fixtures/golden/examples, re-recorded with RECORD_SNAPSHOTS=1 and read before committing), and its pages
/// sound: every line inside the page's text area, no two lines drawn over each other or over a photo.
final class ExamplesTests: XCTestCase {
    nonisolated(unsafe) static let pipeline = Pipeline(home: Fixture.home)

    /// The meeting files of `Examples/`, by folder name.
    static var examples: [(name: String, path: String)] {
        let folder = Fixture.repository.appendingPathComponent("Examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in
            let path = folder.appendingPathComponent("\(name)/meeting.yaml").path
            return FileManager.default.fileExists(atPath: path) ? (name, path) : nil
        }
    }

    func testThereAreFiveExamplesOfDifferentKinds() {
        XCTAssertEqual(Self.examples.map(\.name), ["conference-euromed-eau-2026", "forum-italo-francese-2026", "g7-numerique-2019",
                                                   "g7-numerique-2019-dossier-complet", "visite-bilaterale-fr-de-2026"])
    }

    func testEveryExampleChecksCleanAndBuildsItsDocumentsAsRecorded() throws {
        for (name, path) in Self.examples {
            XCTAssertEqual(try Self.pipeline.check(BuildRequest(meetingPath: path)).filter { $0.severity == .error }.map(\.message), [], name)
            let prepared = try Self.pipeline.documents(for: BuildRequest(meetingPath: path))
            XCTAssertGreaterThanOrEqual(Set(prepared.documents.map(\.language)).count, 2, "\(name): at least two languages")
            for (layout, language, document) in prepared.documents {
                try Fixture.assertGolden(document.dump(), "examples/\(name).\(layout).\(language).txt")
            }
        }
    }

    func testEveryExamplesPagesKeepTheirLinesInsideAndApart() throws {
        let shaper = PangoShaper(fonts: try Self.pipeline.fonts())
        var checked = 0
        for (name, path) in Self.examples {
            for (layout, language, document) in try Self.pipeline.documents(for: BuildRequest(meetingPath: path)).documents {
                let paged = try Paginator(shaper: shaper).layout(document)
                let page = document.page
                for (n, p) in paged.pages.enumerated() {
                    // The ink of each line: its width, from its baseline up to the height of capitals.
                    var boxes: [(x0: Double, x1: Double, y0: Double, y1: Double, text: String)] = []
                    // Images too: no text may be drawn over a photo.
                    for case .image(let image, let rect) in p.items {
                        boxes.append((rect.minX.pt, rect.maxX.pt, rect.minY.pt, rect.maxY.pt, "\(name) \(layout).\(language) p\(n + 1): image \(image.description)"))
                    }
                    for case .line(let line, let origin, _) in p.items where !line.runs.isEmpty {
                        checked += 1
                        let where_ = "\(name) \(layout).\(language) p\(n + 1): “\(line.text.prefix(50))”"
                        XCTAssertGreaterThanOrEqual(origin.x.pt, page.margins.left.pt - 0.5, where_)
                        XCTAssertLessThanOrEqual((origin.x + line.width).pt, (page.size.width - page.margins.right).pt + 0.5, where_)
                        let size = line.runs.map(\.size.pt).max() ?? 0
                        boxes.append((origin.x.pt, (origin.x + line.width).pt, origin.y.pt - 0.68 * size, origin.y.pt, where_))
                    }
                    for i in boxes.indices {
                        for j in boxes.indices where j > i {
                            let a = boxes[i], b = boxes[j]
                            let overlapX = min(a.x1, b.x1) - max(a.x0, b.x0), overlapY = min(a.y1, b.y1) - max(a.y0, b.y0)
                            XCTAssertFalse(overlapX > 0.5 && overlapY > 0.5, "\(a.text) and \(b.text) are drawn over each other")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1500)
    }
}
