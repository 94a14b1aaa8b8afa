import Foundation

/// Opens files in the desktop's viewer for them, as `xdg-open` chooses (`build --open`).
enum Opener {
    /// Starts `xdg-open` for each file, without waiting for the viewer; a problem (no xdg-open on the
    /// path, or it could not be started) is returned, not thrown: the files are built either way.
    static func open(_ files: [URL], environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let tool = folders.map({ "\($0)/xdg-open" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return "cannot open what was built: xdg-open is not on the PATH"
        }
        for file in files {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return "cannot open \(file.lastPathComponent): \(error.localizedDescription)" }
        }
        return nil
    }
}
