import XCTest
@testable import PressKitPDF

/// A page's content read once (`ContentRewriter.scan`) and edited in one pass: artifacts' marked content
/// retyped and /ActualText spans taken out, nothing else touched.
final class ContentRewriterTests: XCTestCase {
    /// Cairo's form: a footer drawn as a `Private` element (MCID 0), a paragraph (MCID 1) with a ligature under
    /// an /ActualText span, a string that looks like marked content, and a rule in a second `Private` (MCID 2).
    let content = Array("""
        /Private << /MCID 0 >> BDC
        BT /f-0-0 1 Tf (12 / 40) Tj ET
        EMC
        /P << /MCID 1 >> BDC
        BT /f-0-1 1 Tf [(ab)] TJ /Span << /ActualText (fi) >> BDC <0003> Tj EMC (\\(/X << /MCID 7 >> BDC\\)) Tj ET
        EMC
        /Private<</MCID 2>>BDC 0 0 10 1 re f EMC

        """.utf8)

    func testScanFindsMarkedContentAndSpans() throws {
        let scan = ContentRewriter.scan(content)
        XCTAssertEqual(scan.marks.map(\.mcid), [0, 1, 2], "the string's MCID 7 is text, not an operator")
        XCTAssertEqual(scan.marks.map { String(decoding: content[$0.range], as: UTF8.self) },
                       ["/Private << /MCID 0 >> BDC", "/P << /MCID 1 >> BDC", "/Private<</MCID 2>>BDC"])
        let spans = try XCTUnwrap(scan.spans)
        XCTAssertEqual(spans.count, 1)
        XCTAssertEqual(spans[0].text, "fi")
        XCTAssertEqual(spans[0].font, "/f-0-1")
        XCTAssertEqual(spans[0].codes, [0x00, 0x03])
        XCTAssertNil(ContentRewriter.scan(Array("BT /f 1 Tf (a) Tj ET".utf8)).spans, "no /ActualText: no spans read")
    }

    func testOneEditPassRetypesArtifactsAndRemovesSpans() throws {
        let scan = ContentRewriter.scan(content)
        let edits = ContentRewriter.retyping(scan.marks, [0: "Pagination", 2: "Layout"]) + ContentRewriter.removals(try XCTUnwrap(scan.spans))
        let out = String(decoding: ContentRewriter.apply(edits, to: content), as: UTF8.self)
        XCTAssertEqual(out, """
            /Artifact << /Type /Pagination >> BDC
            BT /f-0-0 1 Tf (12 / 40) Tj ET
            EMC
            /P << /MCID 1 >> BDC
            BT /f-0-1 1 Tf [(ab)] TJ  <0003> Tj  (\\(/X << /MCID 7 >> BDC\\)) Tj ET
            EMC
            /Artifact << /Type /Layout >> BDC 0 0 10 1 re f EMC

            """)
        // No artifact on the page and no span to take out: nothing changes.
        XCTAssertEqual(ContentRewriter.apply(ContentRewriter.retyping(scan.marks, [9: "Layout"]), to: content), content)
    }
}
