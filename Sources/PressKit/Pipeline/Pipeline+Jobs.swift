import Foundation
import PressKitModel
import PressKitDocument
import PressKitLayout
import PressKitPDF

/// One PDF to make: a layout in one language, or in two (side by side, one after the other).
struct Job {
    var name: String
    var layout: String
    var parts: [Document]
    var mode: BilingualMode?
    var languages: String { parts.map(\.info.language).joined(separator: "-") }
}

extension Pipeline {
    /// The PDFs a build makes: one per layout and language, or one bilingual PDF per layout when the
    /// request or the meeting file's `bilingual:` says so.
    func plan(meeting: Meeting, documents: [(layout: String, language: String, document: Document)], request: BuildRequest,
              errors: inout [Diagnostic]) -> [Job] {
        var jobs: [Job] = []
        for layout in documents.map(\.layout).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let versions = documents.filter { $0.layout == layout }
            var mode = request.bilingual
            if mode == nil, let raw = meeting.data["bilingual"]?[layout] {
                guard let parsed = BilingualMode(rawValue: raw.text ?? "") else {
                    errors.append(Diagnostic(at: raw.mark, path: "bilingual.\(layout)", "expected side-by-side, sequential or none, found \"\(raw.text ?? "")\""))
                    continue
                }
                mode = parsed
            }
            if let mode, mode != .none, versions.count > 2 {
                // Two languages share one PDF: which two is the user's choice, never the first two by default.
                let languages = versions.map(\.language)
                errors.append(Diagnostic(at: meeting.data["bilingual"]?[layout]?.mark ?? meeting.data["languages"]?.mark ?? .file(meeting.source.path),
                                         path: "bilingual.\(layout)",
                                         "a bilingual \(layout) pairs two languages; this build has \(languages.count): \(languages.joined(separator: ", "))",
                                         hint: "build the pair you mean with --lang \(languages[0]),\(languages[1]) (or another two)"))
                continue
            }
            if let mode, mode != .none, versions.count == 2 {
                let pair = versions
                jobs.append(Job(name: "\(layout).\(pair[0].language)-\(pair[1].language)", layout: layout, parts: pair.map(\.document), mode: mode))
            } else {
                for v in versions { jobs.append(Job(name: "\(layout).\(v.language)", layout: layout, parts: [v.document], mode: nil)) }
            }
        }
        // A draft says so in its file names, so it is never mistaken for the release.
        if meeting.data["status"]?.text == "draft" { for i in jobs.indices { jobs[i].name += ".draft" } }
        return jobs
    }

    /// The digest of every font file the text contexts can see, and of the font folders' listings.
    func fontDigests(_ sources: FontSources, inputs: BuildInputs) -> String {
        for folder in sources.folders + sources.scriptFolders { inputs.folder(folder) }
        return sources.files.map { "\($0.path) \(inputs.depend(on: $0))" }.joined(separator: "\n")
    }

    /// The hyphenation dictionary of `language` (its path and digest), or a line saying there is none.
    func dictionaryDigest(_ language: String, inputs: BuildInputs) -> String {
        guard let file = Hyphenator.candidates(for: language, in: home.hyphenation).first(where: { inputs.exists($0) }) else { return "\(language) none" }
        return "\(language) \(file.path) \(inputs.depend(on: file))"
    }

    /// What a job's PDF depends on, for its SHA-256 fingerprint (`FingerprintInput.digest`): the presskit
    /// build, the built documents (every text, style, image and structure the layout drew from the data), the
    /// bytes of the layout and partial files, of the images, fonts and hyphenation dictionaries, the mode, and
    /// the date when it is fixed. The files' digests are taken now; the documents' dump (the costly part, pure)
    /// is made by `digest()`.
    func fingerprintInput(_ job: Job, layout: Layout?, request: BuildRequest, inputs: BuildInputs, fonts: String) -> FingerprintInput {
        var head = "\(BuildIdentity.current)\n\(job.name)\n\(job.mode?.rawValue ?? "")\n"
        if request.dateIsFixed { head += "created \(request.created.timeIntervalSince1970)\n" }
        head += job.parts.map { $0.watermark?.text ?? "" }.joined() + "\n"
        if let layout {
            for file in layout.files { head += "layout \(file.path) \(inputs.depend(on: file))\n" }
        }
        var images = Set<URL>()
        for part in job.parts { part.forEachImage { images.insert($0.file) } }
        var tail = ""
        for file in images.sorted(by: { $0.path < $1.path }) { tail += "\nimage \(file.path) \(inputs.depend(on: file))" }
        tail += "\nfonts\n" + fonts
        for language in Set(job.parts.map(\.info.language)).sorted() { tail += "\nhyphenation " + dictionaryDigest(language, inputs: inputs) }
        return FingerprintInput(head: head, parts: job.parts, tail: tail)
    }
}

/// What a job's fingerprint digests: the files' digests (taken when it was made) around the documents,
/// whose dump is made with the digest.
struct FingerprintInput: Sendable {
    let head: String
    let parts: [Document]
    let tail: String

    /// The SHA-256 of it all, the documents dumped.
    func digest() -> String {
        var input = head
        for part in parts { input += part.dump() + part.fingerprintExtras() }
        return Digest.sha256(input + tail)
    }
}

/// presskit's version (`presskit --version`); fingerprints use the whole build identity (`BuildIdentity`).
public enum PressKitVersion {
    public static let current = "0.6.0"
}

extension Document {
    /// What the dump leaves out but the page shows: margins, header, hyphenation lists, outline.
    func fingerprintExtras() -> String {
        var out = "\nmargins \(page.margins.top.pt) \(page.margins.right.pt) \(page.margins.bottom.pt) \(page.margins.left.pt) "
        out += "\(page.footerGap.pt) \(page.headerGap.pt) \(page.plainFirstPage) \(page.firstPageLabel) \(page.continuousNumbering)\n"
        out += "info \(info.title)|\(info.author)|\(info.subject)|\(info.keywords)\n"
        var header = ""
        for b in self.header { Self.dump(b, depth: 1, into: &header) }
        out += "header\n" + header
        for lang in hyphenation.keys.sorted() { out += "hyphenation \(lang) " + hyphenation[lang]!.sorted { $0.key < $1.key }.map { "\($0.key)\($0.value)" }.joined(separator: ",") + "\n" }
        return out
    }

    /// Calls `body` for every image of the document.
    func forEachImage(_ body: (ImageBlock) -> Void) {
        func visit(_ blocks: [Block]) {
            for b in blocks {
                switch b {
                case .image(let i): body(i)
                case .columns(let set): for c in set.columns { visit(c.blocks) }
                case .keepTogether(let inner): visit(inner)
                case .box(let box): visit(box.blocks)
                default: break
                }
            }
        }
        visit(blocks); visit(header); visit(footer)
    }
}
