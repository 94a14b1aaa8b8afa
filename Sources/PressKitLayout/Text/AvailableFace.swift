import CCairoPango
import Foundation

/// One face of a font file, as `presskit fonts` lists it.
public struct AvailableFace: Sendable {
    public var family: String
    /// The face's style name as the font gives it ("Regular", "Semibold Italic").
    public var style: String
    public var file: URL
    /// The languages among `AvailableFace.listedLanguages` whose letters the face covers (fontconfig's orthographies).
    public var languages: [String]

    /// The languages `presskit fonts` says a face covers or not: presskit's own four, and scripts a name
    /// in a meeting may be written in.
    public static let listedLanguages = ["fr", "en", "de", "it", "es", "pl", "el", "ru", "ar", "he", "ja", "zh-cn", "ko"]
}

extension FontLibrary {
    /// Every face this library loaded that styles may name (not the script fallbacks), sorted by family
    /// and style.
    public func faces() -> [AvailableFace] {
        var out: [AvailableFace] = []
        for set in [FcConfigGetFonts(config, FcSetSystem), FcConfigGetFonts(config, FcSetApplication)].compactMap({ $0 }) {
        for i in 0..<Int(set.pointee.nfont) {
            let pattern = set.pointee.fonts[i]
            var family: UnsafeMutablePointer<FcChar8>?, style: UnsafeMutablePointer<FcChar8>?, file: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch, let family,
                  FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch, let file else { continue }
            let name = String(cString: family)
            guard families.contains(name) else { continue }
            _ = FcPatternGetString(pattern, FC_STYLE, 0, &style)
            var langs: OpaquePointer?
            var covered: [String] = []
            if FcPatternGetLangSet(pattern, FC_LANG, 0, &langs) == FcResultMatch, let langs {
                covered = AvailableFace.listedLanguages.filter { code in
                    code.withCString { FcLangSetHasLang(langs, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) == FcLangEqual }
                }
            }
            out.append(AvailableFace(family: name, style: style.map { String(cString: $0) } ?? "", file: URL(fileURLWithPath: String(cString: file)),
                                languages: covered))
        }
        }
        return out.sorted { ($0.family, $0.style) < ($1.family, $1.style) }
    }
}
