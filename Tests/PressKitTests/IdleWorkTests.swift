import XCTest
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
@testable import PressKitModel

/// `IdleWork`: its value made exactly once, whichever thread makes it, and the same for every asker.
final class IdleWorkTests: XCTestCase {
    func testTheValueIsMadeOnceAndSharedByEveryAsker() {
        for _ in 0..<200 {
            let runs = Atomic<Int>(0)
            let work = IdleWork { () -> [Int] in
                runs.add(1, ordering: .relaxed)
                return Array(0..<1000).map { $0 * 2 }
            }
            let seen = [[Int]].concurrent(4) { _ in work.value }
            XCTAssertEqual(runs.load(ordering: .relaxed), 1, "made once")
            for value in seen { XCTAssertEqual(value, Array(0..<1000).map { $0 * 2 }) }
        }
    }

    /// Asked while it is being made (slowly), askers wait for the one making it: none makes it again.
    func testAskersWaitForTheValueBeingMade() {
        let runs = Atomic<Int>(0)
        let work = IdleWork { () -> String in
            runs.add(1, ordering: .relaxed)
            usleep(20_000)
            return "made"
        }
        usleep(5_000)  // on an idle machine its thread has begun
        let seen = [String].concurrent(3) { _ in work.value }
        XCTAssertEqual(seen, ["made", "made", "made"])
        XCTAssertEqual(runs.load(ordering: .relaxed), 1)
    }

    /// What `Disposal` is given is let go of on the idle thread, not on the thread that gave it.
    func testDisposalLetsGoOnTheIdleThread() {
        /// Where an object was let go of.
        final class Record: @unchecked Sendable {
            let gone = DispatchSemaphore(value: 0)
            private let lock = NSLock()
            private var letGoBy: pthread_t?
            var thread: pthread_t? { lock.withLock { letGoBy } }
            func note(_ thread: pthread_t) { lock.withLock { letGoBy = thread }; gone.signal() }
        }
        final class Watched: @unchecked Sendable {
            let record: Record
            init(_ record: Record) { self.record = record }
            deinit { record.note(pthread_self()) }
        }
        for _ in 0..<20 {
            let record = Record()
            let watched = Watched(record)
            Disposal.later(consume watched)
            XCTAssertEqual(record.gone.wait(timeout: .now() + 5), .success, "let go of")
            let by = record.thread
            XCTAssertNotNil(by)
            XCTAssertEqual(by.map { pthread_equal($0, pthread_self()) }, 0, "let go of on another thread than the one that gave it")
        }
    }

    /// Without its thread, the value is made by the thread that asks, once.
    func testWithoutAThreadTheAskerMakesIt() {
        let runs = Atomic<Int>(0)
        let asker = pthread_self()
        let work = IdleWork(onIdleThread: false) { () -> Bool in
            runs.add(1, ordering: .relaxed)
            return pthread_equal(pthread_self(), asker) != 0
        }
        usleep(5_000)
        XCTAssertEqual(runs.load(ordering: .relaxed), 0, "nothing made before it is asked for")
        XCTAssertTrue(work.value, "made by the asker")
        XCTAssertTrue(work.value)
        XCTAssertEqual(runs.load(ordering: .relaxed), 1)
    }
}
