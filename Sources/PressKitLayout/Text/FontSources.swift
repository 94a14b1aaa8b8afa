import CCairoPango
import Foundation
import PressKitModel

/// Where a build's fonts come from, in the order they are searched: the meeting folder's `fonts/`, the
/// folders given with `--font-path`, presskit's `Assets/fonts`; and, for a family a theme or style asks
/// for by name and none of those holds, that family's files only from the fonts installed on the system
/// (never whole system folders, so fontconfig cannot fall back silently to a font nobody chose).
public struct FontSources: Hashable, Sendable {
    /// Folders whose every font file is loaded.
    public var folders: [URL]
    /// Installed families asked for by name: family → its files.
    public var systemFamilies: [String: [URL]] = [:]

    public init(folders: [URL], systemFamilies: [String: [URL]] = [:]) {
        self.folders = folders.map(\.standardizedFileURL); self.systemFamilies = systemFamilies
    }

    /// Every font file these sources load (the script fonts of the system presskit knows included), sorted:
    /// what a PDF's fingerprint depends on.
    public var files: [URL] {
        (FontLibrary.fontFiles(in: FontLibrary.scriptFolders + folders) + systemFamilies.values.flatMap { $0 })
            .sorted { $0.path < $1.path }
    }
}

/// The fonts installed on this system, as the system's fontconfig sees them: asked only for the files of
/// one family at a time.
public enum SystemFonts {
    nonisolated(unsafe) private static var config: OpaquePointer?
    private static let lock = NSLock()

    /// The files of the installed family named `family` (its name compared without case), or nil when
    /// no installed font has that family name.
    public static func files(of family: String) -> [URL]? {
        lock.lock(); defer { lock.unlock() }
        if config == nil { config = FcInitLoadConfigAndFonts() }
        guard let config, let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        guard let objects = FcObjectSetCreate() else { return nil }
        defer { FcObjectSetDestroy(objects) }
        FcObjectSetAdd(objects, FC_FILE)
        FcObjectSetAdd(objects, FC_FAMILY)
        guard let set = FcFontList(config, pattern, objects) else { return nil }
        defer { FcFontSetDestroy(set) }
        var files: [URL] = []
        for i in 0..<Int(set.pointee.nfont) {
            var file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(set.pointee.fonts[i], FC_FILE, 0, &file) == FcResultMatch, let file else { continue }
            files.append(URL(fileURLWithPath: String(cString: file)).standardizedFileURL)
        }
        return files.isEmpty ? nil : Array(Set(files)).sorted { $0.path < $1.path }
    }
}
