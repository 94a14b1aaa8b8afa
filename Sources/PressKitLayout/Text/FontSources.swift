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
    /// Whether the installed script fonts presskit knows (CJK) join: only when the text may need them.
    /// Their forty faces and large character sets make every font match several times slower.
    public var scriptFonts = true

    public init(folders: [URL], systemFamilies: [String: [URL]] = [:], scriptFonts: Bool = true) {
        self.folders = folders.map(\.standardizedFileURL); self.systemFamilies = systemFamilies; self.scriptFonts = scriptFonts
    }

    /// The script folders these sources load.
    public var scriptFolders: [URL] { scriptFonts ? FontLibrary.scriptFolders : [] }

    /// Whether text holds characters only the script fonts have (CJK ideographs, kana, hangul, and the
    /// rarer symbols above U+2E80), so the script fonts must join.
    public static func needsScriptFonts(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value >= 0x2E80 && !(0xFB00...0xFEFF).contains($0.value) }
    }

    /// Every font file these sources load (the script fonts of the system presskit knows included), sorted:
    /// what a PDF's fingerprint depends on.
    public var files: [URL] {
        (FontLibrary.fontFiles(in: scriptFolders + folders) + systemFamilies.values.flatMap { $0 })
            .sorted { $0.path < $1.path }
    }
}

/// The fonts installed on this system, as the system's fontconfig sees them: asked only for the files of
/// one family at a time.
public enum SystemFonts {
    nonisolated(unsafe) private static var config: OpaquePointer?
    private static let lock = NSLock()

    /// The installed fonts (of `family` only, when given): family, style and file of each.
    private static func list(family: String? = nil) -> [(family: String, style: String?, file: String)] {
        lock.lock(); defer { lock.unlock() }
        if config == nil { config = FcInitLoadConfigAndFonts() }
        guard let config, let pattern = FcPatternCreate(), let objects = FcObjectSetCreate() else { return [] }
        defer { FcPatternDestroy(pattern); FcObjectSetDestroy(objects) }
        if let family { _ = family.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) } }
        for object in [FC_FAMILY, FC_STYLE, FC_FILE] { FcObjectSetAdd(objects, object) }
        guard let set = FcFontList(config, pattern, objects) else { return [] }
        defer { FcFontSetDestroy(set) }
        return (0..<Int(set.pointee.nfont)).compactMap { i in
            var name: UnsafeMutablePointer<FcChar8>?, style: UnsafeMutablePointer<FcChar8>?, file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(set.pointee.fonts[i], FC_FAMILY, 0, &name) == FcResultMatch, let name,
                  FcPatternGetString(set.pointee.fonts[i], FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
            _ = FcPatternGetString(set.pointee.fonts[i], FC_STYLE, 0, &style)
            return (String(cString: name), style.map { String(cString: $0) }, String(cString: file))
        }
    }

    /// The families installed on the system, sorted: those a theme may name besides the folders' own.
    public static func families() -> [String] {
        Set(list().map(\.family)).sorted()
    }

    /// The files of the installed family named `family` (its name compared without case), one per face
    /// (an OpenType file before a TrueType one before a Type 1 copy of the same face), or nil when no
    /// installed font has that family name.
    public static func files(of family: String) -> [URL]? {
        var byFace: [String: URL] = [:]
        func rank(_ url: URL) -> Int { ["otf": 0, "ttf": 1, "ttc": 2, "otc": 3][url.pathExtension.lowercased()] ?? 4 }
        for font in list(family: family) {
            let url = URL(fileURLWithPath: font.file).standardizedFileURL
            let face = font.style ?? url.path
            if let known = byFace[face], (rank(known), known.path) <= (rank(url), url.path) { continue }
            byFace[face] = url
        }
        return byFace.isEmpty ? nil : Array(Set(byFace.values)).sorted { $0.path < $1.path }
    }
}
