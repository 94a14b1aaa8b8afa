import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A value made on a thread of its own at the lowest priority (Linux's SCHED_IDLE): the thread takes a core
/// only when nothing else wants it, such as the second core while Cairo draws a long document on the
/// first. Asked for before that thread began, the value is made by the thread that asks; asked for while
/// it is being made, the asking thread waits (its core then free, the maker has it).
/// For pure work on values already at hand: nothing it reads may change meanwhile.
public final class IdleWork<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var body: (@Sendable () -> Value)?
    private var made: Value?

    public init(_ body: @escaping @Sendable () -> Value) {
        self.body = body
        let thread = Thread { [self] in
            // SCHED_IDLE is 5 in Linux's <sched.h>; Swift's Glibc module does not export it.
            var parameters = sched_param()
            _ = pthread_setschedparam(pthread_self(), 5, &parameters)
            make()
        }
        thread.name = "presskit idle work"
        thread.start()
    }

    /// Makes the value unless another thread has begun to.
    private func make() {
        condition.lock()
        guard let body else { condition.unlock(); return }
        self.body = nil
        condition.unlock()
        let value = body()
        condition.lock()
        made = value
        condition.broadcast()
        condition.unlock()
    }

    /// The value: made now by this thread if the idle one has not begun, else once the idle one is done.
    public var value: Value {
        make()
        condition.lock()
        defer { condition.unlock() }
        while made == nil { condition.wait() }
        return made!
    }
}
