import Foundation

/// The digests one process has computed of files other libraries read (fonts, dictionaries, images),
/// with their stamps: a second build in the same process (a batch of meetings, a watch session) reuses
/// them for files whose stamps have not changed instead of reading them again.
package final class DigestMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: BuildInputs.Record] = [:]

    package init() {}

    func record(for path: String) -> BuildInputs.Record? { lock.withLock { records[path] } }

    func remember(_ record: BuildInputs.Record, for path: String) { lock.withLock { records[path] = record } }
}
