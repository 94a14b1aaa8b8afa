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

    /// Without `onIdleThread` no thread is started: the value is made by the first thread that asks (work too
    /// small to be worth a thread of its own).
    public init(onIdleThread: Bool = true, _ body: @escaping @Sendable () -> Value) {
        self.body = body
        guard onIdleThread else { return }
        IdleThread.start(named: "presskit idle work") { [self] in make() }
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

/// Threads at Linux's lowest priority (SCHED_IDLE), for `IdleWork` and work of that kind.
public enum IdleThread {
    /// Runs `body` on a new thread that takes a core only when nothing else wants one.
    public static func start(named name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            // SCHED_IDLE is 5 in Linux's <sched.h>; Swift's Glibc module does not export it.
            var parameters = sched_param()
            _ = pthread_setschedparam(pthread_self(), 5, &parameters)
            body()
        }
        thread.name = name
        thread.start()
    }
}

/// Lets go of what a build no longer needs on a thread at idle priority (see `IdleWork`): the pages of a
/// long document, libqpdf's objects of its PDF. Freed on the build's thread, they took the last 20-30 ms of
/// a 577-page build with the other core idle; a process that ends first never frees them at all.
public enum Disposal {
    /// Holds a value until the idle thread empties it: the value's only owner once handed over.
    private final class Held<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: consuming Value) { self.value = consume value }
        func drop() { value = nil }
    }

    /// Takes `value` (the caller keeps no reference: pass it with `consume`) and lets go of it on the idle thread.
    public static func later<Value>(_ value: consuming Value) {
        let held = Held(consume value)
        _ = IdleWork { held.drop() }
    }
}
