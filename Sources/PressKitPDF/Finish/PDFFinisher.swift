import CQPDFLoader
import Foundation
import PressKitModel
import PressKitDocument

/// What a PDF needs beyond what Cairo 1.16 writes, for PDF/UA-1 and PDF/A-2u, set on its objects with
/// libqpdf and written as a whole new file:
/// - the catalog's /Lang, /MarkInfo, /ViewerPreferences /DisplayDocTitle, XMP /Metadata, sRGB /OutputIntents;
/// - each structure element's /Lang and a figure's /Alt, checked one for one against what was drawn;
/// - artifacts: elements drawn as `ArtifactPagination`, `ArtifactLayout`, `ArtifactWatermark` leave the
///   tree and their marked content becomes `/Artifact <</Type /Pagination>>` (Cairo has no artifact tag:
///   they are drawn as `Private` elements);
/// - link annotations with /Contents and the print flag, /Tabs /S on pages with annotations, no /Interpolate;
/// - fonts' ToUnicode maps giving letters for ligatures and contextual forms, and Cairo's now redundant
///   /ActualText spans removed;
/// - the Info dates written like the XMP's, and a deterministic /ID.
enum PDFFinisher {
    /// A structure element as the renderer opened it, in order.
    struct Element: Equatable {
        var role: String
        var language: String?
        var alt: String?
        /// For a link: the words it is on, for its annotation's /Contents.
        var linkText: String?
        /// The index of the element this one continues (the same paragraph or table, reopened on a new
        /// page or after the other language): joined into it.
        var continues: Int?
        init(role: String, language: String? = nil, alt: String? = nil, linkText: String? = nil) {
            self.role = role; self.language = language; self.alt = alt; self.linkText = linkText
        }
    }

    /// The structure type artifacts are drawn in (Cairo accepts only standard types): see `PageDrawer.beginArtifact`.
    static let artifactTag = "Private"

    /// The sRGB profile of the OutputIntent: Ghostscript's (Debian's libgs-common), read when needed.
    static let iccProfile = "/usr/share/color/icc/ghostscript/srgb.icc"

    /// With `sections`, the document's elements are grouped by language in `Sect` elements (side by side).
    static func finish(_ pdf: Data, info: DocumentInfo, created: Date, elements: [Element], claims: Conformance,
                       sections: Bool = false, freeingLater: Bool = false) throws -> Data {
        var laps = PhaseLaps("finish \(info.title.prefix(40))")
        let doc = try QPDFDocument(pdf)
        laps.lap("read")
        let written = try finish(doc, info: info, created: created, elements: elements, claims: claims, sections: sections, laps: &laps)
        if freeingLater { Disposal.later(consume doc) }
        return written
    }

    /// `finish` of the PDF read into `doc`.
    private static func finish(_ doc: QPDFDocument, info: DocumentInfo, created: Date, elements: [Element], claims: Conformance,
                               sections: Bool, laps: inout PhaseLaps) throws -> Data {
        let root = doc.root
        doc.set(root, "/Lang", doc.text(info.language))
        doc.set(root, "/MarkInfo", doc.dictionary([("Marked", doc.bool(true))]))
        doc.set(root, "/ViewerPreferences", doc.dictionary([("DisplayDocTitle", doc.bool(true))]))

        // Dates: the same instant in the Info dictionary and the XMP.
        let (pdfDate, xmpDate) = dates(created)
        let producer: String
        if let infoDict = doc.key(doc.trailer, "/Info") {
            doc.set(infoDict, "/CreationDate", doc.text(pdfDate))
            doc.set(infoDict, "/ModDate", doc.text(pdfDate))
            producer = doc.key(infoDict, "/Producer").flatMap(doc.utf8) ?? "cairo"
        } else { producer = "cairo" }
        let xmp = XMPPacket(title: info.title, language: info.language, author: info.author, subject: info.subject, keywords: info.keywords,
                            creatorTool: info.creator, producer: producer, date: xmpDate, claims: claims)
        laps.lap("XMP")
        // The first new object: qpdf parses every object of the file first (`fixDanglingReferences`), what
        // writing would do otherwise.
        doc.set(root, "/Metadata", doc.indirect(doc.stream(xmp.data, [("Type", doc.name("/Metadata")), ("Subtype", doc.name("/XML"))], compress: false)))
        laps.lap("all objects parsed (qpdf)")

        guard let icc = FileManager.default.contents(atPath: iccProfile) else {
            throw DiagnosticError(.internalFailure("no sRGB colour profile at \(iccProfile): install Debian's libgs-common (apt-get install libgs-common)"))
        }
        let profile = doc.indirect(doc.stream(icc, [("N", doc.integer(3))]))
        doc.set(root, "/OutputIntents", doc.array([doc.dictionary([
            ("Type", doc.name("/OutputIntent")), ("S", doc.name("/GTS_PDFA1")),
            ("OutputConditionIdentifier", doc.text("sRGB IEC61966-2.1")), ("Info", doc.text("sRGB IEC61966-2.1")),
            ("DestOutputProfile", profile),
        ])]))
        laps.lap("output intent")
        // The pages' contents are read now and scanned on a core left idle while the structure tree changes.
        let pages = doc.pages
        let contents = PageContents(doc, pages: pages)
        laps.lap("contents read")

        let artifacts = try structure(doc, elements: elements, language: info.language, sections: sections)
        var links = elements.filter { $0.role == "Link" }.map(\.linkText)[...]
        laps.lap("structure tree")
        // Presentation forms given their letters first; then the maps are read to judge Cairo's /ActualText.
        var maps = GlyphTextMaps(doc)
        laps.lap("ToUnicode maps")
        for page in pages {
            let annotations = doc.key(page, "/Annots").map(doc.items) ?? []
            if !annotations.isEmpty { doc.set(page, "/Tabs", doc.name("/S")) }
            for annotation in annotations where doc.key(annotation, "/Subtype").flatMap(doc.name) == "/Link" {
                doc.set(annotation, "/F", doc.integer(4))
                let words = links.popFirst() ?? nil
                let target = doc.key(annotation, "/A").flatMap { doc.key($0, "/URI") }.flatMap(doc.utf8)
                doc.set(annotation, "/Contents", doc.text(words ?? target ?? "link"))
            }
        }
        laps.lap("links")
        rewriteContents(doc, contents, artifacts: artifacts, maps: &maps)
        laps.lap("page contents")
        removeInterpolation(doc, pages)
        maps.write(doc)
        laps.lap("images and maps")
        let written = try doc.write(version: "1.7")
        laps.lap("written (qpdf)")
        laps.write()
        return written
    }

    /// "D:20190515000000+00'00'" and "2019-05-15T00:00:00+00:00".
    static func dates(_ date: Date) -> (String, String) {
        let time = UTCTime(date)
        return ("D:" + time.digits + "+00'00'", time.iso + "+00:00")
    }

    /// Sets each element's attributes and takes the artifacts out of the tree; returns, per page object,
    /// the marked-content ids that are artifacts and their type.
    static func structure(_ doc: QPDFDocument, elements: [Element], language: String, sections: Bool) throws -> [Int: [Int: String]] {
        guard let treeRoot = doc.key(doc.root, "/StructTreeRoot") else {
            if elements.isEmpty { return [:] }
            throw DiagnosticError(.internalFailure("the PDF has no structure tree for \(elements.count) elements drawn"))
        }
        // Cairo's elements in the order they were opened: a walk of the tree, parents first.
        // Each element's role is read with it (its /S, which makes a kid an element rather than an MCR).
        // Each role is compared in libqpdf with the one drawn, not read out (about ten thousand elements in a
        // long document, each call to libqpdf a fifth of a microsecond).
        var found: [(element: qpdf_oh, parent: qpdf_oh?)] = []
        var roleNames: [qpdf_oh] = []
        func walk(_ element: qpdf_oh, role: qpdf_oh, parent: qpdf_oh?) {
            found.append((element, parent))
            roleNames.append(role)
            for kid in doc.key(inDictionary: element, "/K").map(doc.items) ?? [] {
                if let role = doc.key(kid, "/S") { walk(kid, role: role, parent: element) }
            }
        }
        for top in doc.key(treeRoot, "/K").map(doc.items) ?? [] {
            if doc.isDictionary(top) { walk(top, role: doc.key(top, "/S") ?? doc.null, parent: nil) }
        }
        let drawn = elements.map { $0.role.hasPrefix("Artifact") ? artifactTag : $0.role }
        let roles = ["Document"] + drawn
        guard roleNames.count == roles.count, zip(roleNames, roles).allSatisfy({ doc.isName($0, "/" + $1) }) else {
            let roles = roleNames.map { doc.name($0).map { String($0.dropFirst()) } ?? "?" }
            let at = zip(roles.dropFirst(), drawn).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(roles.count - 1, elements.count)
            throw DiagnosticError(.internalFailure("the PDF's structure does not match what was drawn (\(roles.count - 1) elements written, \(elements.count) drawn; first difference at \(at)): nothing was written rather than a mislabelled PDF"))
        }
        var artifacts: [Int: [Int: String]] = [:]
        var removed: Set<Int> = []
        /// The elements that hold artifacts, each to have its kids written again once, without them.
        var artifactParents: [Int: qpdf_oh] = [:]
        for ((element, parent), drawn) in zip(found.dropFirst(), elements) {
            if drawn.role.hasPrefix("Artifact") {
                // Its marked content: MCIDs on its page (or MCR dictionaries naming theirs).
                let page = doc.key(inDictionary: element, "/Pg").map(doc.id) ?? 0
                for kid in doc.key(inDictionary: element, "/K").map(doc.items) ?? [] {
                    if let mcid = doc.integer(kid) { artifacts[page, default: [:]][mcid] = String(drawn.role.dropFirst("Artifact".count)) }
                    else if doc.isDictionary(kid), let mcid = doc.key(kid, "/MCID").flatMap(doc.integer) {
                        artifacts[doc.key(kid, "/Pg").map(doc.id) ?? page, default: [:]][mcid] = String(drawn.role.dropFirst("Artifact".count))
                    }
                }
                removed.insert(doc.id(element))
                if let parent { artifactParents[doc.id(parent)] = parent }
                continue
            }
            if let lang = drawn.language, lang != language { doc.set(element, "/Lang", doc.text(lang)) }
            if drawn.role == "Figure" { doc.set(element, "/Alt", doc.text(drawn.alt ?? "")) }
            // A header cell heads its column.
            if drawn.role == "TH" { doc.set(element, "/A", doc.dictionary([("O", doc.name("/Table")), ("Scope", doc.name("/Column"))])) }
        }
        // Artifacts leave their parents: each parent's kids read once and written again without them.
        for parent in artifactParents.keys.sorted().compactMap({ artifactParents[$0] }) { removeKids(doc, removed, from: parent) }
        // One element for one paragraph, list or table, however often it was closed and opened again.
        var joined: [Int: qpdf_oh] = [:]
        var sources: [qpdf_oh] = []
        for (i, drawn) in elements.enumerated() where !drawn.role.hasPrefix("Artifact") {
            guard let first = drawn.continues, first + 1 < found.count else { continue }
            let source = found[i + 1].element, target = found[first + 1].element
            join(doc, source, into: target)
            joined[doc.id(source)] = target
            sources.append(source)
        }
        // The joined elements leave their parents (where they are now: a parent joined in turn has handed
        // its kids on), each parent's kids read and written once: one by one, each removal searched a list
        // as long as the document.
        var leaving: [Int: (parent: qpdf_oh, ids: Set<Int>)] = [:]
        for source in sources {
            guard let parent = doc.key(inDictionary: source, "/P") else { continue }
            leaving[doc.id(parent), default: (parent, [])].ids.insert(doc.id(source))
        }
        for key in leaving.keys.sorted() { removeKids(doc, leaving[key]!.ids, from: leaving[key]!.parent) }
        // A figure's caption, drawn after it, belongs in it: Figure > Caption. Each parent's kids are read
        // once, for all its figures.
        var siblingsOf: [Int: (siblings: qpdf_oh, items: [qpdf_oh], ids: [Int])] = [:]
        for ((element, _), role) in zip(found, roles) where role == "Figure" {
            guard let parent = doc.key(inDictionary: element, "/P") else { continue }
            let parentID = doc.id(parent)
            if siblingsOf[parentID] == nil {
                guard let siblings = doc.key(inDictionary: parent, "/K"), doc.isArray(siblings) else { continue }
                let items = doc.items(siblings)
                siblingsOf[parentID] = (siblings, items, items.map(doc.id))
            }
            guard var list = siblingsOf[parentID], let at = list.ids.firstIndex(of: doc.id(element)), at + 1 < list.items.count,
                  doc.isDictionary(list.items[at + 1]), doc.key(list.items[at + 1], "/S").flatMap(doc.name) == "/Caption" else { continue }
            let caption = list.items[at + 1]
            doc.removeItem(list.siblings, at + 1)
            list.items.remove(at: at + 1)
            list.ids.remove(at: at + 1)
            siblingsOf[parentID] = list
            doc.set(element, "/K", doc.array((doc.key(inDictionary: element, "/K").map(doc.items) ?? []) + [caption]))
            doc.set(caption, "/P", element)
        }
        // The parent tree points at what stays: artifacts at nothing, continuations at what they joined.
        if !removed.isEmpty || !joined.isEmpty, let parentTree = doc.key(treeRoot, "/ParentTree"), let nums = doc.key(parentTree, "/Nums") {
            for (k, entry) in doc.items(nums).enumerated() {
                if doc.isArray(entry) {
                    for (i, item) in doc.items(entry).enumerated() {
                        if removed.contains(doc.id(item)) { doc.setItem(entry, i, doc.null) } else if let target = joined[doc.id(item)] { doc.setItem(entry, i, target) }
                    }
                } else if k % 2 == 1, let target = joined[doc.id(entry)] {
                    doc.setItem(nums, k, target)
                }
            }
        }
        // Side by side, each language in a section of its own, read whole one after the other.
        if sections, let document = found.first?.element {
            var languageOf: [Int: String] = [:]
            for ((element, _), drawn) in zip(found.dropFirst(), elements) { languageOf[doc.id(element)] = drawn.language }
            var groups: [(language: String, kids: [qpdf_oh])] = []
            for kid in doc.key(document, "/K").map(doc.items) ?? [] where doc.isDictionary(kid) && doc.key(kid, "/S") != nil {
                let lang = languageOf[doc.id(kid)] ?? language
                if let g = groups.firstIndex(where: { $0.language == lang }) { groups[g].kids.append(kid) } else { groups.append((lang, [kid])) }
            }
            if groups.count > 1 {
                let sects = groups.map { group -> qpdf_oh in
                    let sect = doc.indirect(doc.dictionary([("Type", doc.name("/StructElem")), ("S", doc.name("/Sect")), ("P", document),
                                                            ("Lang", doc.text(group.language)), ("K", doc.array(group.kids))]))
                    for kid in group.kids { doc.set(kid, "/P", sect) }
                    return sect
                }
                doc.set(document, "/K", doc.array(sects))
            }
        }
        return artifacts
    }

    /// Takes the kids whose object numbers are `ids` out of `parent`'s /K, read and written once.
    static func removeKids(_ doc: QPDFDocument, _ ids: Set<Int>, from parent: qpdf_oh) {
        guard let kids = doc.key(inDictionary: parent, "/K") else { return }
        if doc.isArray(kids) {
            let items = doc.items(kids)
            let kept = items.filter { !ids.contains(doc.id($0)) }
            if kept.count != items.count { doc.set(parent, "/K", doc.array(kept)) }
        } else if ids.contains(doc.id(kids)) {
            doc.set(parent, "/K", doc.array([]))
        }
    }

    /// Moves what `source` holds into `target` (its marked content, as references naming their page, its
    /// annotations, its child elements); the caller takes `source` out of its parent.
    static func join(_ doc: QPDFDocument, _ source: qpdf_oh, into target: qpdf_oh) {
        var kids = doc.key(inDictionary: target, "/K").map(doc.items) ?? []
        let targetPage = doc.key(inDictionary: target, "/Pg")
        // The target's own marked content, named with its page once it shares the list with another page's.
        kids = kids.map { kid in
            guard let mcid = doc.integer(kid), let page = targetPage else { return kid }
            return doc.dictionary([("Type", doc.name("/MCR")), ("Pg", page), ("MCID", doc.integer(mcid))])
        }
        let sourcePage = doc.key(inDictionary: source, "/Pg")
        for kid in doc.key(inDictionary: source, "/K").map(doc.items) ?? [] {
            if let mcid = doc.integer(kid) {
                guard let page = sourcePage else { continue }
                kids.append(doc.dictionary([("Type", doc.name("/MCR")), ("Pg", page), ("MCID", doc.integer(mcid))]))
            } else {
                if doc.key(kid, "/S") != nil { doc.set(kid, "/P", target) }
                kids.append(kid)
            }
        }
        doc.set(target, "/K", doc.array(kids))
    }

    /// Each page's content as one stream: artifacts' marked content retyped, Cairo's /ActualText spans
    /// removed where the fonts' ToUnicode maps give the same letters (`maps` learning those of glyphs they
    /// could not give). The contents were scanned meanwhile (`PageContents`); what reads or changes objects,
    /// and what `maps` learns, goes page by page in order; the edited contents are compressed on every core.
    static func rewriteContents(_ doc: QPDFDocument, _ contents: PageContents, artifacts: [Int: [Int: String]], maps: inout GlyphTextMaps) {
        let read = contents.reads
        var scanned = contents.scanned.value
        // Whichever spans the maps explain go; in page order, as the maps learn from each page.
        var redundant = [[ContentRewriter.ActualTextSpan]](repeating: [], count: read.count)
        for i in read.indices {
            // A stream zlib could not inflate is read as qpdf decodes it.
            if scanned[i] == nil { scanned[i] = doc.pageContent(read[i].page).map { PageContents.Scanned([UInt8]($0)) } }
            guard let spans = scanned[i]?.scan.spans else { continue }
            let fonts = doc.key(read[i].page, "/Resources").flatMap { doc.key($0, "/Font") }
            redundant[i] = maps.explained(spans) { name in fonts.flatMap { doc.key($0, name) }.map(doc.id) }
        }
        let marked = read.map { artifacts[doc.id($0.page)] ?? [:] }
        let done = scanned, cut = redundant
        let written = [[UInt8]?].concurrent(read.count) { i in
            // A page with artifacts is written again, as is one with spans to take out; the others stay as Cairo wrote them.
            guard let page = done[i], !marked[i].isEmpty || !cut[i].isEmpty else { return nil }
            let edits = ContentRewriter.retyping(page.scan.marks, marked[i]) + ContentRewriter.removals(cut[i])
            return Flate.deflate(ContentRewriter.apply(edits, to: page.content))
        }
        for (i, bytes) in written.enumerated() {
            guard let bytes else { continue }
            let contents = read[i].contents
            if contents.count == 1 {
                doc.replaceData(contents[0], deflated: bytes)
            } else {
                let stream = doc.stream(Data(), [], compress: false)
                doc.replaceData(stream, deflated: bytes)
                doc.set(read[i].page, "/Contents", doc.indirect(stream))
            }
        }
    }

    /// The image XObjects a page draws.
    /// Takes /Interpolate (which PDF/A forbids) off every image the pages draw, however deep: in the pages'
    /// resources, inside forms (an SVG logo is one), in soft masks (an SVG mask's image) and in tiling
    /// patterns. Each stream is visited once.
    static func removeInterpolation(_ doc: QPDFDocument, _ pages: [qpdf_oh]) {
        var seen = Set<Int32>()
        func visit(resources: qpdf_oh) {
            if let xobjects = doc.key(resources, "/XObject") {
                for name in doc.keys(xobjects) { if let object = doc.key(xobjects, name) { visit(stream: object) } }
            }
            if let states = doc.key(resources, "/ExtGState") {
                for name in doc.keys(states) {
                    if let state = doc.key(states, name), let mask = doc.key(state, "/SMask"), let group = doc.key(mask, "/G") { visit(stream: group) }
                }
            }
            if let patterns = doc.key(resources, "/Pattern") {
                for name in doc.keys(patterns) { if let pattern = doc.key(patterns, name) { visit(stream: pattern) } }
            }
        }
        func visit(stream object: qpdf_oh) {
            guard doc.isStream(object) else { return }
            let id = pk_qpdf_oh_get_object_id(doc.q, object)
            guard id == 0 || seen.insert(id).inserted else { return }
            let dict = pk_qpdf_oh_get_dict(doc.q, object)
            if doc.key(dict, "/Interpolate") != nil { doc.remove(dict, "/Interpolate") }
            if let mask = doc.key(dict, "/SMask") { visit(stream: mask) }
            if let resources = doc.key(dict, "/Resources") { visit(resources: resources) }
        }
        for page in pages { if let resources = doc.key(page, "/Resources") { visit(resources: resources) } }
    }
}
