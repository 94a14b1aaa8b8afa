import XCTest
import CCairoPango
@testable import PressKit
@testable import PressKitModel
@testable import PressKitDocument
@testable import PressKitLayout
@testable import PressKitPDF

/// Raster surfaces and recorded SVG logos are kept for the process (`ImageStore`), and so are images'
/// probed sizes (`ImageProbe`): a document drawn again, or another document with the same photograph,
/// gets the same surface and the same PDF; a changed file is read again.
final class ImageStoreTests: XCTestCase {
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
            let made = ImageStore.made
            _ = try first.surface(for: image(png, .png))
            // Just written: its stamp cannot yet tell a later write from none, so it is not trusted.
            _ = try ImageCache(decodesJPEG: false).surface(for: image(png, .png))
            XCTAssertEqual(ImageStore.made, made + 2, "a file written a moment ago is read again")
            Thread.sleep(forTimeInterval: Double(FileStamp.racyWindow) / 1e9 + 0.05)
            let settled = try ImageCache(decodesJPEG: false).surface(for: image(png, .png))
            let b = try second.surface(for: image(png, .png))
            XCTAssertEqual(settled.surface, b.surface, "two documents, one surface, once the file's stamp can be trusted")
            XCTAssertEqual(ImageStore.made, made + 3, "made once more, then kept")
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
            XCTAssertLessThanOrEqual(ImageStore.count, ImageStore.limit)
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

    func testAnSVGIsParsedOncePerFileAsItIsForItsSizeAndOnceForItsDrawing() throws {
        let folder = Fixture.temporaryFolder()
        let logo = folder.appendingPathComponent("logo.svg")
        func write(width: Int) throws {
            try "<svg xmlns='http://www.w3.org/2000/svg' width='\(width)' height='10'><rect width='\(width)' height='10'/></svg>"
                .write(to: logo, atomically: false, encoding: .utf8)
        }
        try write(width: 20)
        Thread.sleep(forTimeInterval: Double(FileStamp.racyWindow) / 1e9 + 0.05)
        let probed = ImageProbe.probed
        XCTAssertEqual(ImageProbe.probe(logo)?.width, 20)
        XCTAssertEqual(ImageProbe.probe(logo)?.width, 20)
        XCTAssertEqual(ImageProbe.probed, probed + 1, "the same file as it is: probed once")
        try CairoLock.drawing {
            let made = ImageStore.made
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20)!
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)!
            defer { cairo_destroy(cr) }
            let block = image(logo, .svg)
            try ImageCache().draw(block, in: Rect(x: .zero, y: .zero, width: .pt(20), height: .pt(10)), on: cr)
            try ImageCache().draw(block, in: Rect(x: .zero, y: .zero, width: .pt(20), height: .pt(10)), on: cr)
            XCTAssertEqual(ImageStore.made, made + 1, "two documents drawing one logo: recorded and replayed once")
        }
        // Another file under the same name (a new inode and size): read again, with its new size.
        try FileManager.default.removeItem(at: logo)
        try write(width: 300)
        XCTAssertEqual(ImageProbe.probe(logo)?.width, 300)
        XCTAssertEqual(ImageProbe.probed, probed + 2)
    }
}
