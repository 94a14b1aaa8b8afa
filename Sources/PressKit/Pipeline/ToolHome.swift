// Pipeline: runs the stages in order (load → localize → build → flow → render → write) for a build request.
import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// Where the tool's own layouts and assets live.
public struct ToolHome: Sendable {
    public var root: URL
    public var layouts: URL { root.appendingPathComponent("Layouts") }
    public var assets: URL { root.appendingPathComponent("Assets") }
    public var fonts: URL { assets.appendingPathComponent("fonts") }
    /// Where hyphenation dictionaries are read from (Debian's hyphen-* packages).
    public var hyphenation: URL
    /// Where the digests of fonts, dictionaries and images are kept between processes:
    /// `$XDG_CACHE_HOME/presskit/digests.txt`, or `~/.cache/presskit/digests.txt`.
    public var digestStore: URL? {
        UserCache.folder.appendingPathComponent("digests.txt")
    }

    public init(root: URL, hyphenation: URL = Hyphenator.systemFolder) { self.root = root; self.hyphenation = hyphenation }

    /// `PRESSKIT_HOME` when set; otherwise the first folder holding `Layouts/` and `Assets/fonts/`
    /// above the executable, then above the working folder.
    public static func locate() throws -> ToolHome {
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary.
        if let value = getenv("PRESSKIT_HOME"), case let env = String(cString: value), !env.isEmpty {
            return ToolHome(root: URL(fileURLWithPath: env))
        }
        var starts: [URL] = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        // The running program's own file, links resolved, as the kernel gives it (Linux): Foundation's
        // Bundle took most of a millisecond of every command's start to say the same.
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.insert(URL(fileURLWithPath: exe).deletingLastPathComponent(), at: 0)
        }
        for start in starts {
            var dir = start.standardizedFileURL
            while dir.path != "/" {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Layouts").path),
                   FileManager.default.fileExists(atPath: dir.appendingPathComponent("Assets/fonts").path) {
                    return ToolHome(root: dir)
                }
                dir.deleteLastPathComponent()
            }
        }
        throw DiagnosticError(Diagnostic(at: .file("presskit"), "cannot find presskit's Layouts/ and Assets/ folders",
                                         hint: "set PRESSKIT_HOME to the folder that holds them"))
    }
}
