import Foundation
import PressKitModel
import PressKitLayout
import PressKitDocument

extension Pipeline {
    /// Where a build's fonts come from — the meeting folder's `fonts/`, `--font-path`, `Assets/fonts`, and
    /// the installed families a theme or style names that none of these holds — and a problem, at the line
    /// naming it (the theme's first), for each family found nowhere.
    /// `printed` is every text the build may print (the meeting file, the layouts, their partials) and the
    /// languages built: the script fonts join only when these need them; nil: they join (`presskit fonts`).
    func fontSources(meetingFolder: URL?, request: BuildRequest, theme: Theme?, layouts: [Layout], sheets: [StyleSheet],
                     inputs: BuildInputs?, printed: (texts: [String], languages: [String])? = nil) -> (FontSources, [Diagnostic]) {
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
        prewarmedFonts?.wait()  // fontconfig is set up on one thread at a time
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
        let scripts = printed.map { printed in
            printed.languages.contains { FontLibrary.systemFontLanguages[$0] != nil } || printed.texts.contains(where: FontSources.needsScriptFonts)
        } ?? true
        let sources = FontSources(folders: folders, systemFamilies: system, scriptFonts: scripts)
        if errors.isEmpty { errors += faceProblems(sources, theme: theme, sheets: sheets) }
        return (sources, errors)
    }

    /// The style sheet of each layout with its partials (a layout whose styles do not resolve has none: the
    /// document builder reports why).
    static func styleSheets(_ layouts: [Layout]) -> [StyleSheet] {
        layouts.compactMap { layout in try? StyleSheet(layout: layout.data, partials: layout.partials.keys.sorted().compactMap { layout.partials[$0] }) }
    }

    /// A problem for each face a theme's typeface or a style asks for that its family has not (a semibold
    /// of a family with regular and bold only), at the line that asks for it: the theme's for its
    /// typefaces, the style's for the rest. Every one at once, before anything is laid out.
    /// The font library the face check reads: made once for a build's font sources and kept while they
    /// and their files stay the same (a `watch` session checks every build).
    func faceCheckLibrary(_ sources: FontSources) -> FontLibrary? {
        if let prewarm = prewarmedFonts {
            prewarmedFonts = nil
            if let library = prewarm.library(), library.sources == sources { checkLibrary = library }
        }
        if let known = checkLibrary, known.sources == sources { return known }
        checkLibrary = try? FontLibrary(sources: sources)
        return checkLibrary
    }

    func faceProblems(_ sources: FontSources, theme: Theme?, sheets: [StyleSheet]) -> [Diagnostic] {
        guard let library = faceCheckLibrary(sources) else { return [] }
        var errors: [Diagnostic] = []
        func key(_ family: String, _ weight: FontWeight, _ italic: Bool) -> String { "\(family.lowercased())|\(weight)|\(italic)" }
        func missing(_ family: String, _ weight: FontWeight, _ italic: Bool) -> Bool { library.problem(family: family, weight: weight, italic: italic) != nil }
        func report(_ family: String, _ weight: FontWeight, _ italic: Bool, at mark: SourceMark, path: String, asker: String, plural: Bool = false) {
            let faces = library.faces().filter { $0.family.lowercased() == family.lowercased() }.map(\.style).joined(separator: ", ")
            errors.append(Diagnostic(at: mark, path: path, "\(asker) \(plural ? "ask" : "asks") for `\(family)` \(weight.rawValue)\(italic ? " italic" : ""), a face the family has not (it has: \(faces))",
                                     hint: "give it a weight and slant the family has, or a typeface of another family; `presskit fonts` lists every face"))
        }
        // A face a theme typeface lacks is reported at the theme, once, not again at every style using it.
        var themeFaces = Set<String>()
        for t in theme?.typefaces ?? [] where missing(t.family, t.weight, t.italic) {
            themeFaces.insert(key(t.family, t.weight, t.italic))
            report(t.family, t.weight, t.italic, at: t.mark, path: "fonts.\(t.role)", asker: "the typeface `$fonts.\(t.role)`")
        }
        // Styles asking for one missing face make one error, at the first.
        var styles: [(key: String, family: String, weight: FontWeight, italic: Bool, names: [String], mark: SourceMark)] = []
        for face in sheets.flatMap(\.faces) where missing(face.family, face.weight, face.italic) {
            let k = key(face.family, face.weight, face.italic)
            guard !themeFaces.contains(k) else { continue }
            if let i = styles.firstIndex(where: { $0.key == k }) {
                if !styles[i].names.contains(face.style) { styles[i].names.append(face.style) }
            } else {
                styles.append((k, face.family, face.weight, face.italic, [face.style], face.mark))
            }
        }
        for group in styles {
            let names = group.names.map { "`\($0)`" }
            let asker = names.count == 1 ? "the style \(names[0])" : "the styles \(names.prefix(4).joined(separator: ", "))\(names.count > 4 ? " and \(names.count - 4) more" : "")"
            report(group.family, group.weight, group.italic, at: group.mark, path: "styles.\(group.names[0])", asker: asker, plural: names.count > 1)
        }
        return errors
    }
}

/// What `presskit fonts` reports: where a build's fonts come from, its theme, and the families found nowhere.
public struct FontReport {
    public var sources: FontSources
    public var theme: Theme?
    public var problems: [Diagnostic]
}

extension Pipeline {
    /// The fonts a build of `request` would use (without building anything); with no meeting file, those of
    /// presskit's own layouts in the default theme.
    public func fontReport(for request: BuildRequest?) throws -> FontReport {
        var library = LayoutLibrary(meetingFolder: nil, builtIn: home.layouts)
        var names = library.available().map(\.name)
        var themeName = Theme.defaultName, themeMark: SourceMark?
        var meetingFolder: URL?
        if let request {
            let meeting = try Meeting.load(request.meetingPath)
            meetingFolder = meeting.folder
            library = LayoutLibrary(meetingFolder: meeting.folder, builtIn: home.layouts)
            names = request.layouts ?? meeting.documents
            themeName = request.theme ?? meeting.data["theme"]?.text ?? Theme.defaultName
            themeMark = request.theme == nil ? meeting.data["theme"]?.mark : nil
        }
        library.theme = try library.loadTheme(themeName, requestedAt: themeMark, base: themeMark == nil ? nil : meetingFolder)
        var problems: [Diagnostic] = []
        var layouts: [Layout] = []
        for name in names {
            do { layouts.append(try library.load(name)) } catch let e as DiagnosticError { problems += e.diagnostics }
        }
        let (sources, missing) = fontSources(meetingFolder: meetingFolder, request: request ?? BuildRequest(meetingPath: ""),
                                             theme: library.theme, layouts: layouts, sheets: Self.styleSheets(layouts), inputs: nil)
        return FontReport(sources: sources, theme: library.theme, problems: problems + missing)
    }
}
