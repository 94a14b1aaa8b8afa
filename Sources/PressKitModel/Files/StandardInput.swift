import Foundation

/// A meeting file given as `-`: read from standard input, once, and standing in the current folder under
/// the name `<stdin>`. The current folder is then the meeting's folder: its images, `Layouts/`, fonts and
/// translation ledger are looked for there, and the output folder is named after it.
public enum StandardInput {
    /// The name the meeting read from standard input goes by, in messages and marks.
    public static let name = "<stdin>"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var bytes: Data?

    /// For `-`, reads standard input (the first time) and returns the path that stands for it, the current
    /// folder's `<stdin>`; any other argument is returned as it is.
    public static func meetingPath(_ argument: String) -> String {
        guard argument == "-" else { return argument }
        lock.withLock {
            if bytes == nil { bytes = FileHandle.standardInput.readDataToEndOfFile() }
        }
        return path
    }

    /// The path standing for standard input: `<stdin>` in the current folder.
    public static var path: String {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(name).path
    }

    /// Whether `path` is standard input's (once it has been read).
    public static func isStandardInput(_ path: String) -> Bool { data(for: path) != nil }

    /// The bytes read from standard input, when `path` stands for it.
    public static func data(for path: String) -> Data? {
        guard URL(fileURLWithPath: path).lastPathComponent == name else { return nil }
        return lock.withLock { bytes }
    }

    /// Gives the bytes standard input would have held (for tests in one process).
    public static func set(_ data: Data?) { lock.withLock { bytes = data } }
}
