import Foundation
import PressKitModel
import PressKitDocument

extension Pipeline {
    /// The layouts that have a web version: the texts a ministry also publishes on its website.
    public static let webLayouts = ["communique", "article", "media-advisory"]

    /// `build --to html`: writes the web version of each document whose layout has one, in every language
    /// asked for: `LAYOUT.LANG.html`, the layout's stylesheet `LAYOUT.css`, and the images they show
    /// under `images/`, all beside the PDFs, each file replaced atomically once every page is made.
    /// Asking for a layout with no web version is an error; a meeting's other documents are left out
    /// with a warning. Returns the files written and the warnings.
    public func web(_ request: BuildRequest) throws -> (files: [URL], warnings: [Diagnostic]) {
        let asked = request.layouts ?? []
        let refused = asked.filter { !Self.webLayouts.contains($0) }
        if !refused.isEmpty {
            throw DiagnosticError(Diagnostic(at: .file(request.meetingPath), "\(refused.joined(separator: ", ")) \(refused.count == 1 ? "has" : "have") no web version",
                                             hint: "--to html writes \(Self.webLayouts.joined(separator: ", ")); build the others as PDF"))
        }
        let prepared = try documents(for: request)
        var warnings = prepared.warnings
        let chosen = prepared.documents.filter { Self.webLayouts.contains($0.layout) }
        let left = Set(prepared.documents.map(\.layout)).subtracting(Self.webLayouts).sorted()
        if chosen.isEmpty {
            throw DiagnosticError(Diagnostic(at: prepared.meeting.data["documents"]?.mark ?? .file(request.meetingPath),
                                             "none of this meeting's documents has a web version",
                                             hint: "--to html writes \(Self.webLayouts.joined(separator: ", ")); add one to `documents`"))
        }
        if !left.isEmpty {
            warnings.append(Diagnostic(.warning, at: prepared.meeting.data["documents"]?.mark ?? .file(request.meetingPath),
                                       "no web version of \(left.joined(separator: ", ")): left out of --to html"))
        }
        let folder = request.outputFolder.appendingPathComponent(prepared.meeting.name)
        let draft = prepared.meeting.data["status"]?.text == "draft" ? ".draft" : ""
        var files: [(URL, Data)] = []
        var images: [URL: String] = [:]
        /// An image's published name: its file name after the first 8 hex digits of its path's digest, so
        /// two files of one name never meet.
        func address(_ file: URL) -> String {
            if let known = images[file] { return known }
            let digest = Digest.sha256(file.standardizedFileURL.path).prefix(8)
            let name = "images/\(digest)-\(file.lastPathComponent)"
            images[file] = name
            return name
        }
        var sheets: Set<String> = []
        for (layout, language, document) in chosen {
            let sheet = "\(layout).css"
            let page = HTMLWriter(document: document, stylesheet: sheet, imageAddress: address).html()
            files.append((folder.appendingPathComponent("\(layout).\(language)\(draft).html"), Data(page.utf8)))
            if sheets.insert(sheet).inserted {
                files.append((folder.appendingPathComponent(sheet), Data(WebStyleSheet(document: document).css().utf8)))
            }
        }
        for (file, name) in images.sorted(by: { $0.value < $1.value }) {
            guard let data = try? Data(contentsOf: file) else {
                throw DiagnosticError(Diagnostic(at: .file(file.path), "cannot read the image for the web version", hint: "check the file"))
            }
            files.append((folder.appendingPathComponent(name), data))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("images"), withIntermediateDirectories: true)
        _ = try AtomicWriter.replace(files)
        return (files.map(\.0), Self.unique(warnings))
    }
}
