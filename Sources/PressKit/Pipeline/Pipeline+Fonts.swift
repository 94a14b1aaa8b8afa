import Foundation
import PressKitModel
import PressKitLayout

extension Pipeline {
    /// Where a build's fonts come from — the meeting folder's `fonts/`, `--font-path`, `Assets/fonts`, and
    /// the installed families a theme or style names that none of these holds — and a problem, at the line
    /// naming it (the theme's first), for each family found nowhere.
    func fontSources(meetingFolder: URL?, request: BuildRequest, theme: Theme?, layouts: [Layout],
                     inputs: BuildInputs?) -> (FontSources, [Diagnostic]) {
        var errors: [Diagnostic] = []
        var folders: [URL] = []
        let fileManager = FileManager.default
        if let local = meetingFolder?.appendingPathComponent("fonts"), inputs?.folder(local) ?? fileManager.fileExists(atPath: local.path) {
            folders.append(local)
        }
        for folder in request.fontFolders {
            var isFolder: ObjCBool = false
            if fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue {
                folders.append(folder)
            } else {
                errors.append(Diagnostic(at: .file(folder.path), "--font-path names no folder", hint: "give a folder holding font files (.otf, .ttf)"))
            }
        }
        folders.append(home.fonts)
        let available = Set(FontLibrary.families(in: folders).map { $0.lowercased() })
        var named = theme?.families ?? []
        for value in layouts.flatMap({ layout in [layout.data] + layout.partials.keys.sorted().compactMap { layout.partials[$0] } }) {
            for (_, style) in value["styles"]?.pairs ?? [] {
                guard let font = style["font"], let family = font.text ?? font["family"]?.text else { continue }
                named.append((family, (font["family"] ?? font).mark))
            }
        }
        var system: [String: [URL]] = [:]
        var reported = Set<String>()
        for (family, mark) in named where !available.contains(family.lowercased()) && system[family] == nil {
            if let files = SystemFonts.files(of: family) {
                system[family] = files
            } else if reported.insert(family.lowercased()).inserted {
                let places = folders.map { LayoutLibrary.display($0) }.joined(separator: ", ")
                errors.append(Diagnostic(at: mark, path: "font", "the font family `\(family)` is in none of \(places), and is not installed on this system",
                                         hint: "put its files (with their licence) in the meeting folder's fonts/, give --font-path, or install it (`fc-list : family` lists the installed families; `presskit fonts` those of this build)"))
            }
        }
        return (FontSources(folders: folders, systemFamilies: system), errors)
    }
}
