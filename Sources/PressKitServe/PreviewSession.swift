import Foundation
import PressKit

/// A `watch --serve` session: the watch loop on a thread of its own, the preview's server on the calling
/// one, until Ctrl-C (or --max-builds builds). The first build draws every document, so the preview has
/// all their pages; each build tells the open pages.
public enum PreviewSession {
    public static func run(meeting: String, output: URL, port: Int, pipeline: Pipeline,
                           build: @escaping @Sendable (Bool) -> [Diagnostic], waitForChange: @escaping @Sendable () -> Bool,
                           maxBuilds: Int?) throws {
        let state = PreviewState(meetingPath: meeting, outputFolder: output)
        pipeline.pageKeeper = state.pages
        let loop = Thread {
            var builds = 0
            repeat {
                builds += 1
                let problems = build(builds == 1)
                state.built(problems: problems, data: try? Meeting.load(meeting).data)
            } while (maxBuilds.map { builds < $0 } ?? true) && waitForChange()
            // --max-builds reached: the server stops as on Ctrl-C.
            kill(getpid(), SIGTERM)
        }
        loop.stackSize = 16 << 20
        // Ctrl-C ends the event streams the pages hold open, so the server can stop.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stops = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for stop in stops {
            stop.setEventHandler { state.finishListeners() }
            stop.resume()
        }
        final class Outcome: @unchecked Sendable { var failure: Error? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let starter = loop
        Task.detached {
            do {
                try await PreviewServer.run(state, port: port) { port in
                    print("preview: http://127.0.0.1:\(port)/  (Ctrl-C stops it)")
                    fflush(nil)
                    starter.start()
                }
            } catch { outcome.failure = error }
            done.signal()
        }
        done.wait()
        withExtendedLifetime(stops) {}
        if let failure = outcome.failure {
            throw DiagnosticError(Diagnostic(at: .commandLine, "the preview could not serve on 127.0.0.1:\(port): \(failure)",
                                             hint: "another program may use the port: choose another with --port"))
        }
        print("preview stopped")
    }
}
