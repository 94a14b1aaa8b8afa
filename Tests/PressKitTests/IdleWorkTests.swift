import XCTest
import Foundation
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
}
