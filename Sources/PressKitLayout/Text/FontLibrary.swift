// Text: shapes paragraphs with Pango/HarfBuzz into lines, using only the fonts the project ships.
import CCairoPango
import Foundation
import PressKitModel
import PressKitDocument

/// The fonts of a build's `FontSources` (the meeting's `fonts/`, `--font-path`, `Assets/fonts`, families
/// installed on the system asked for by name), loaded through a fontconfig configuration of the tool's
/// own, so a document depends on no font nobody chose.
public final class FontLibrary: @unchecked Sendable {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    /// The same, with a right-to-left base direction: for text at an odd embedding level (its brackets mirror).
    let rightToLeftContext: OpaquePointer
    /// The families found in the folder.
    public let families: [String]
    private var checked: [FaceRequest: String] = [:]
    /// A face asked for by family, weight and slant: the key of the faces already checked.
    private struct FaceRequest: Hashable { var family: String; var weight: FontWeight; var italic: Bool }
    private let lock = NSLock()

    /// Languages whose scripts the shipped fonts do not cover, and the Debian package with a font for them.
    public static let systemFontLanguages: [String: (package: String, folder: String)] = [
        "ja": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto"), "zh": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto"),
        "ko": ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto"),
    ]

    /// Whether the system font a language needs is installed, and if not, the problem to report.
    public static func systemFontProblem(for language: String, root: String = "/") -> String? {
        guard let need = systemFontLanguages[language] else { return nil }
        let folder = URL(fileURLWithPath: root).appendingPathComponent(need.folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if files.contains(where: { $0.hasPrefix("NotoSansCJK") || $0.hasPrefix("NotoSerifCJK") }) { return nil }
        return "the language \(language) (\(LanguageNames.english(language))) needs a font presskit does not ship; install Debian's \(need.package) (apt-get install \(need.package))"
    }

    /// The installed system font folders presskit knows for scripts its fonts do not cover (CJK): they
    /// join whatever languages are built, for a Japanese name in a French communiqué.
    public static var scriptFolders: [URL] {
        Set(systemFontLanguages.values.map(\.folder)).sorted()
            .filter { FileManager.default.fileExists(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    /// Every font file fontconfig can see in `folders`, sorted: what a PDF's fingerprint depends on.
    public static func fontFiles(in folders: [URL]) -> [URL] {
        var files: [URL] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["otf", "ttf", "ttc", "otc", "woff", "woff2", "pfb", "pcf"].contains(url.pathExtension.lowercased()) {
                files.append(url.standardizedFileURL)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The sources of this library.
    public let sources: FontSources

    /// Loads every font file below `folder` (presskit's `Assets/fonts`), and the script fonts presskit knows.
    public convenience init(folder: URL) throws {
        try self.init(sources: FontSources(folders: [folder]))
    }

    /// Loads every font file below the sources' folders, the files of the system families they name, and
    /// the installed script fonts presskit knows (CJK).
    public init(sources: FontSources) throws {
        for folder in sources.folders where !FileManager.default.fileExists(atPath: folder.path) {
            throw DiagnosticError(Diagnostic(at: .file(folder.path), "no font folder", hint: "presskit looks for its fonts in Assets/fonts"))
        }
        self.sources = sources
        guard let config = Self.configuration(sources.folders + sources.scriptFolders) else {
            throw DiagnosticError(.internalFailure("fontconfig could not read the fonts of \(sources.folders.map(\.path).joined(separator: ", "))"))
        }
        // An installed family asked for by name: its files only.
        for file in sources.systemFamilies.values.flatMap({ $0 }) {
            _ = file.path.withCString { FcConfigAppFontAddFile(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        }
        self.config = config
        // Pango's FreeType back end, not its Cairo one: each library (one per thread) has fonts of its
        // own, with their own FreeType faces, and setting text never calls Cairo, whose font objects all
        // threads would share (see `CairoLock`). Glyph advances and extents come from HarfBuzz in both.
        let map = pango_ft2_font_map_new()!
        pango_fc_font_map_set_config(OpaquePointer(map), config)
        pango_ft2_font_map_set_resolution(OpaquePointer(map), 72, 72)
        self.fontMap = UnsafeMutableRawPointer(map).assumingMemoryBound(to: PangoFontMap.self)
        self.context = pango_font_map_create_context(map)
        self.rightToLeftContext = pango_font_map_create_context(map)
        for (context, direction) in [(context, PANGO_DIRECTION_LTR), (rightToLeftContext, PANGO_DIRECTION_RTL)] {
            pango_context_set_round_glyph_positions(context, 0)
            pango_context_set_base_dir(context, direction)
        }

        var names = Set<String>()
        // Folders' fonts are in the system set, files added one by one (installed families) in the application set.
        for set in [FcConfigGetFonts(config, FcSetSystem), FcConfigGetFonts(config, FcSetApplication)].compactMap({ $0 }) {
            for i in 0..<Int(set.pointee.nfont) {
                var family: UnsafeMutablePointer<FcChar8>?
                var file: UnsafeMutablePointer<FcChar8>?
                // Styles may name the chosen families only; installed script fonts are fallbacks.
                guard FcPatternGetString(set.pointee.fonts[i], FC_FILE, 0, &file) == FcResultMatch, let file else { continue }
                let path = String(cString: file)
                guard sources.folders.contains(where: { path.hasPrefix($0.path + "/") })
                        || sources.systemFamilies.values.contains(where: { $0.contains { $0.path == path } }) else { continue }
                if FcPatternGetString(set.pointee.fonts[i], FC_FAMILY, 0, &family) == FcResultMatch, let family {
                    names.insert(String(cString: family))
                }
            }
        }
        families = names.sorted()
    }

    /// The families of the font files below `folders`, as fontconfig names them (a family may have
    /// several names, e.g. a localized one): without loading anything into Pango.
    public static func families(in folders: [URL]) -> Set<String> {
        guard let config = configuration(folders) else { return [] }
        defer { FcConfigDestroy(config) }
        guard let set = FcConfigGetFonts(config, FcSetSystem) else { return [] }
        var names = Set<String>()
        for i in 0..<Int(set.pointee.nfont) {
            var k: Int32 = 0
            var family: UnsafeMutablePointer<FcChar8>?
            while FcPatternGetString(set.pointee.fonts[i], FC_FAMILY, k, &family) == FcResultMatch, let family {
                names.insert(String(cString: family))
                k += 1
            }
        }
        return names
    }

    /// A fontconfig configuration of our own: `folders` and a writable cache, nothing else of the system's;
    /// nil when fontconfig cannot build it. The caller destroys it.
    static func configuration(_ folders: [URL]) -> OpaquePointer? {
        guard let config = FcConfigCreate() else { return nil }
        let dirs = folders.map { "<dir>\(escapeXML($0.path))</dir>" }.joined()
        let xml = """
            <?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>\(dirs)<cachedir>\(escapeXML(cacheFolder().path))</cachedir></fontconfig>
            """
        guard FcConfigParseAndLoadFromMemory(config, xml, 1) != 0, FcConfigBuildFonts(config) != 0 else {
            FcConfigDestroy(config)
            return nil
        }
        becomeCurrent(config)
        return config
    }

    private static let currentLock = NSLock()
    nonisolated(unsafe) private static var hasCurrent = false

    /// Makes the first configuration built fontconfig's current one, once per process. Pango's font map
    /// otherwise starts a thread that loads the system's whole configuration and every installed font
    /// (FcInit) while presskit reads its own: work thrown away (all text is set with configurations of our
    /// own), done on the core the layout's helper uses, and fontconfig set up on two threads at once.
    private static func becomeCurrent(_ config: OpaquePointer) {
        currentLock.withLock {
            guard !hasCurrent else { return }
            hasCurrent = FcConfigSetCurrent(config) != 0
        }
    }

    /// Where fontconfig keeps its cache of our fonts: `$XDG_CACHE_HOME/presskit` or `~/.cache/presskit`.
    static func cacheFolder() -> URL {
        let folder = UserCache.folder.appendingPathComponent("fontconfig")
        if (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
           FileManager.default.isWritableFile(atPath: folder.path) { return folder }
        return URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("presskit-fontconfig")
    }

    static func escapeXML(_ s: String) -> String {
        s.xmlEscaped()
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(rightToLeftContext))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// Checks that `family` in the given face exists in the shipped fonts, since fontconfig
    /// would otherwise substitute another font without a word. Returns a problem, or nil.
    public func problem(family: String, weight: FontWeight, italic: Bool) -> String? {
        let key = FaceRequest(family: family, weight: weight, italic: italic)
        lock.lock(); defer { lock.unlock() }
        if let known = checked[key] { return known.isEmpty ? nil : known }
        let desc = Self.description(family: family, weight: weight, italic: italic, size: .pt(10))
        defer { pango_font_description_free(desc) }
        var problem = ""
        if let font = pango_font_map_load_font(fontMap, context, desc) {
            let got = pango_font_describe(font)!
            let gotFamily = String(cString: pango_font_description_get_family(got))
            let gotWeight = pango_font_description_get_weight(got).rawValue
            let gotStyle = pango_font_description_get_style(got)
            if gotFamily.lowercased() != family.lowercased() {
                problem = "the font `\(family)` is not among the fonts of this build (\(families.joined(separator: ", ")))"
            } else if abs(Int(gotWeight) - Int(Self.pangoWeight(weight).rawValue)) > 50 || (gotStyle == PANGO_STYLE_NORMAL) == italic {
                problem = "the font `\(family)` has no \(weight.rawValue)\(italic ? " italic" : "") face"
            }
            pango_font_description_free(got)
            g_object_unref(UnsafeMutableRawPointer(font))
        } else {
            problem = "the font `\(family)` cannot be loaded"
        }
        checked[key] = problem
        return problem.isEmpty ? nil : problem
    }

    /// Whether the face of `family` has the OpenType feature `tag` (e.g. "smcp") in its GSUB table.
    public func hasFeature(_ tag: String, family: String, weight: FontWeight, italic: Bool) -> Bool {
        let desc = Self.description(family: family, weight: weight, italic: italic, size: .pt(10))
        defer { pango_font_description_free(desc) }
        guard let font = pango_font_map_load_font(fontMap, context, desc) else { return false }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        guard let hb = pango_font_get_hb_font(font), let face = hb_font_get_face(hb) else { return false }
        let chars = Array(tag.utf8).map { hb_tag_t($0) }
        guard chars.count == 4 else { return false }
        let wanted = chars[0] << 24 | chars[1] << 16 | chars[2] << 8 | chars[3]
        var count: UInt32 = 64
        var tags = [hb_tag_t](repeating: 0, count: 64)
        _ = hb_ot_layout_table_get_feature_tags(face, hb_tag_t(0x4753_5542), 0, &count, &tags)  // 'GSUB'
        return tags.prefix(Int(count)).contains(wanted)
    }

    static func pangoWeight(_ weight: FontWeight) -> PangoWeight {
        switch weight {
        case .light: return PANGO_WEIGHT_LIGHT
        case .regular: return PANGO_WEIGHT_NORMAL
        case .medium: return PANGO_WEIGHT_MEDIUM
        case .semibold: return PANGO_WEIGHT_SEMIBOLD
        case .bold: return PANGO_WEIGHT_BOLD
        }
    }

    static func description(family: String, weight: FontWeight, italic: Bool, size: Length) -> OpaquePointer {
        let desc = pango_font_description_new()!
        pango_font_description_set_family(desc, family)
        pango_font_description_set_weight(desc, pangoWeight(weight))
        pango_font_description_set_style(desc, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(desc, size.pt * Double(PANGO_SCALE))
        return desc
    }
}
