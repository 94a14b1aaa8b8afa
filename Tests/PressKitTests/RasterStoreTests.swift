import XCTest
import CCairoPango
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Raster surfaces are kept for the process (`RasterStore`): a document drawn again, or another document
/// with the same photograph, gets the same surface and the same PDF; a changed file gets a new surface.
final class RasterStoreTests: XCTestCase {
    func image(_ file: URL, _ kind: ImageKind) -> ImageBlock {
        ImageBlock(file: file, kind: kind, pixelWidth: 1, pixelHeight: 1, height: .mm(10), align: .left, description: file.lastPathComponent)
    }

    func testASurfaceIsMadeOncePerFileAsItIs() throws {
        let folder = Fixture.temporaryFolder()
        let png = folder.appendingPathComponent("dot.png")
        // A 2 × 1 PNG written by Cairo itself.
        func writePNG(width: Int32) {
            let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, 1)!
            cairo_surface_write_to_png(s, png.path)
            cairo_surface_destroy(s)
        }
        writePNG(width: 2)
        let photo = Fixture.example.deletingLastPathComponent().appendingPathComponent("photos/reunion.jpg")
        try CairoLock.drawing {
            let first = ImageCache(decodesJPEG: false), second = ImageCache(decodesJPEG: false), decoding = ImageCache()
            let made = RasterStore.made
            _ = try first.surface(for: image(png, .png))
            // Just written: its stamp cannot yet tell a later write from none, so it is not trusted.
            _ = try ImageCache(decodesJPEG: false).surface(for: image(png, .png))
            XCTAssertEqual(RasterStore.made, made + 2, "a file written a moment ago is read again")
            Thread.sleep(forTimeInterval: Double(FileStamp.racyWindow) / 1e9 + 0.05)
            let settled = try ImageCache(decodesJPEG: false).surface(for: image(png, .png))
            let b = try second.surface(for: image(png, .png))
            XCTAssertEqual(settled.surface, b.surface, "two documents, one surface, once the file's stamp can be trusted")
            XCTAssertEqual(RasterStore.made, made + 3, "made once more, then kept")
            XCTAssertEqual(b.width, 2)
            let jpeg = try first.surface(for: image(photo, .jpeg)), pixels = try decoding.surface(for: image(photo, .jpeg))
            XCTAssertNotEqual(jpeg.surface, pixels.surface, "a PNG preview's JPEG has its pixels; a PDF's does not need them")
            XCTAssertEqual(jpeg.width, pixels.width)
            XCTAssertEqual(try second.surface(for: image(photo, .jpeg)).surface, jpeg.surface)
            // The same name, another file (a new inode, another size): a new surface, of the new size.
            Thread.sleep(forTimeInterval: 0.01)
            try FileManager.default.removeItem(at: png)
            writePNG(width: 3)
            let changed = try ImageCache(decodesJPEG: false).surface(for: image(png, .png))
            XCTAssertEqual(changed.width, 3)
            XCTAssertLessThanOrEqual(RasterStore.count, RasterStore.limit)
        }
    }

    func testADocumentWithAPhotographDrawnTwiceGivesTheSamePDF() throws {
        let pipeline = Pipeline(home: Fixture.home)
        let docs = try pipeline.documents(for: BuildRequest(meetingPath: Fixture.example.path, languages: ["fr"], layouts: ["press-kit"])).documents
        let paged = try Paginator(shaper: PangoShaper(fonts: try pipeline.fonts())).layout(try XCTUnwrap(docs.first).document)
        var photographs = 0
        for page in paged.pages { for case .image(let image, _) in page.items where image.kind == .jpeg { photographs += 1 } }
        XCTAssertGreaterThan(photographs, 0, "the press kit shows the meeting's photograph")
        let created = Date(timeIntervalSince1970: 1_557_878_400)
        let first = try PDFRenderer.render(paged, created: created), second = try PDFRenderer.render(paged, created: created)
        XCTAssertEqual(first, second)
    }
}
