import Foundation
import Hummingbird
import PressKit

/// The preview's web server: on loopback only, it answers the page (`/`), what it shows (`/state.json`),
/// a stream that says when a build ended (`/events`, server-sent events), each page as a picture
/// (`/pages/DOCUMENT/N.png`), where each thing on a page comes from (`/map/DOCUMENT/N.json`) and the
/// PDFs themselves (`/pdf/DOCUMENT.pdf`). Documents are looked up by name among those the last good build
/// made: no address reaches any other file.
public enum PreviewServer {
    /// The resolution of page pictures: 96 dots per inch, a page at the size a browser shows 100 %.
    public static let dpi = 96.0

    /// Serves `state` on 127.0.0.1:`port` (0: a free port) until SIGINT or SIGTERM; `started` is told the
    /// port once the server listens.
    public static func run(_ state: PreviewState, port: Int, started: @escaping @Sendable (Int) -> Void) async throws {
        // Hummingbird's log would print each start and stop on standard output: warnings only.
        setenv("LOG_LEVEL", "warning", 0)
        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: PreviewPage.html(state.snapshot))))
        }
        router.get("/state.json") { _, _ in
            json(state.snapshot)
        }
        router.get("/events") { _, _ -> Response in
            let (stream, _) = state.listen()
            let first = state.snapshot.builds
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody { writer in
                                // The build the page loaded may be older than this stream: say where things stand first.
                                try await writer.write(ByteBuffer(string: "retry: 500\nevent: build\ndata: \(first)\n\n"))
                                for await builds in stream {
                                    try await writer.write(ByteBuffer(string: "event: build\ndata: \(builds)\n\n"))
                                }
                                try await writer.finish(nil)
                            })
        }
        router.get("/pages/:document/:page") { _, context -> Response in
            guard let document = context.parameters.get("document"), let file = context.parameters.get("page"),
                  file.hasSuffix(".png"), let page = Int(file.dropLast(4)) else { return notFound() }
            let png: Data? = try await withCheckedThrowingContinuation { done in
                DispatchQueue.global().async { done.resume(with: Result { try state.picture(document: document, page: page, dpi: dpi) }) }
            }
            guard let png else { return notFound() }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "max-age=3600"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
        router.get("/map/:document/:page") { _, context -> Response in
            guard let document = context.parameters.get("document"), let file = context.parameters.get("page"),
                  file.hasSuffix(".json"), let page = Int(file.dropLast(5)),
                  let places = state.sourceMap(document: document, page: page) else { return notFound() }
            return json(places)
        }
        router.get("/pdf/:file") { _, context -> Response in
            guard let file = context.parameters.get("file"), file.hasSuffix(".pdf"),
                  let url = state.pdf(document: String(file.dropLast(4))), let data = try? Data(contentsOf: url) else { return notFound() }
            return Response(status: .ok, headers: [.contentType: "application/pdf", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "presskit"),
                              onServerRunning: { channel in started(channel.localAddress?.port ?? port) })
        defer { state.finishListeners() }
        try await app.runService()
    }

    static func json<T: Encodable>(_ value: T) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "not a document or page of this meeting\n")))
    }
}
