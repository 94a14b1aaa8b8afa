import PressKitModel

/// The preview's one web page: shows each document's pages as pictures, reloads them when the server says
/// a build ended (server-sent events), shows the problems of a broken save above the last good pages, and
/// names the meeting file's line and field of whatever is clicked on a page. The page comes with the
/// pages and problems of the moment already in it, so it shows them before any script runs.
enum PreviewPage {
    /// The page, showing `snapshot`.
    static func html(_ snapshot: PreviewState.Snapshot) -> String {
        template
            .replacingOccurrences(of: "<!--meeting-->", with: escape(snapshot.meeting))
            .replacingOccurrences(of: "<!--status-->", with: escape(status(snapshot)))
            .replacingOccurrences(of: "<!--problems-->", with: snapshot.problems.map(problem).joined())
            .replacingOccurrences(of: "<!--documents-->", with: snapshot.documents.map { document($0, generation: snapshot.generation) }.joined())
            .replacingOccurrences(of: "/*generation*/-1", with: String(snapshot.generation))
    }

    /// What the header says: when the pages were built, or that the last save has errors.
    static func status(_ s: PreviewState.Snapshot) -> String {
        if s.problems.contains(where: { $0.severity == "error" }) { return "the last save has errors: the pages below are the last good build's" }
        return s.builds == 0 ? "building…" : "built at \(s.builtAt)"
    }

    /// A problem as the script shows it too: place, message, source line with a caret, hint.
    static func problem(_ p: PreviewState.Problem) -> String {
        var text = p.message
        if let source = p.source {
            let gutter = String(repeating: " ", count: String(p.line).count)
            text += "\n  \(p.line) | \(source)\n  \(gutter) | " + String(repeating: " ", count: max(0, p.column - 1)) + "^"
        }
        if let hint = p.hint { text += "\n  hint: \(hint)" }
        return "<div class=\"problem \(p.severity)\"><span class=\"where\">\(escape("\(p.file):\(p.line):\(p.column): \(p.severity): "))</span>\(escape(text))</div>"
    }

    /// A document's section: its name, a link to its PDF, and its pages.
    static func document(_ d: PreviewState.DocumentEntry, generation: Int) -> String {
        let name = escape(d.name)
        let address = d.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? d.name
        let pages = (1...max(1, d.pages)).prefix(d.pages).map { n in
            "<figure><img src=\"/pages/\(address)/\(n).png?g=\(generation)\" alt=\"\(name), page \(n)\" id=\"page-\(name)-\(n)\" data-document=\"\(name)\" data-page=\"\(n)\" width=\"\(Int((d.width * PreviewServer.dpi / 72).rounded()))\"></figure>"
        }.joined()
        return "<section id=\"document-\(name)\" data-width=\"\(d.width)\"><h2>\(name) (\(d.pages) page\(d.pages == 1 ? "" : "s"))<a href=\"/pdf/\(address).pdf\">PDF</a></h2><div class=\"pages\">\(pages)</div></section>"
    }

    /// Text made safe in HTML.
    static func escape(_ text: String) -> String {
        text.xmlEscaped(quotes: true)
    }

    static let template = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>presskit preview</title>
    <style>
      body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e8e8ec; color: #1d1d22; }
      header { position: sticky; top: 0; z-index: 2; height: 48px; box-sizing: border-box; padding: 12px 16px; background: #1f2a44; color: #fff; display: flex; gap: 16px; align-items: baseline; }
      header h1 { font-size: 17px; margin: 0; }
      header .status { opacity: .85; }
      #problems { margin: 16px; }
      .problem { background: #fff4f4; border-left: 6px solid #c62828; padding: 8px 12px; margin-bottom: 8px; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 13px; }
      .problem.warning { border-color: #c68a00; background: #fffaf0; }
      .problem .where { font-weight: bold; }
      .kept { margin: 0 16px 8px; color: #7a1d1d; }
      section { margin: 16px; }
      section h2 { font-size: 15px; margin: 0 0 8px; }
      section h2 a { font-weight: normal; margin-left: 8px; }
      .pages { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
      figure { margin: 0; position: relative; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); line-height: 0; }
      figure img { display: block; cursor: crosshair; }
      figure .mark { position: absolute; outline: 2px solid #e65100; background: rgba(255,152,0,.15); pointer-events: none; }
      #origin { position: fixed; bottom: 0; left: 0; right: 0; z-index: 3; background: #fff; border-top: 1px solid #bbb; padding: 8px 16px; font-family: ui-monospace, monospace; font-size: 13px; min-height: 20px; }
    </style>
    </head>
    <body>
    <header><h1 id="title"><!--meeting--></h1><span class="status" id="status"><!--status--></span></header>
    <div id="problems"><!--problems--></div>
    <main id="documents"><!--documents--></main>
    <div id="origin">Click a line, a rule or a picture on a page to see where it comes from.</div>
    <script>
    "use strict";
    const maps = new Map();
    let shown = /*generation*/-1;
    function el(tag, attrs, ...children) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
      for (const c of children) e.append(c);
      return e;
    }
    async function refresh() {
      const state = await (await fetch("/state.json", {cache: "no-store"})).json();
      document.getElementById("title").textContent = state.meeting;
      const failed = state.problems.some(p => p.severity === "error");
      document.getElementById("status").textContent = failed
        ? "the last save has errors: the pages below are the last good build's"
        : "built at " + state.builtAt;
      const problems = document.getElementById("problems");
      problems.replaceChildren(...state.problems.map(p => el("div", {class: "problem " + p.severity},
        el("span", {class: "where"}, p.file + ":" + p.line + ":" + p.column + ": " + p.severity + ": "), p.message,
        p.source != null ? "\n  " + p.line + " | " + p.source + "\n  " + " ".repeat(String(p.line).length) + " | " + " ".repeat(Math.max(0, p.column - 1)) + "^" : "",
        p.hint ? "\n  hint: " + p.hint : "")));
      if (state.generation === shown) return;
      shown = state.generation;
      maps.clear();
      const documents = document.getElementById("documents");
      documents.replaceChildren(...state.documents.map(d => {
        const pages = el("div", {class: "pages"});
        for (let n = 1; n <= d.pages; n++) {
          const img = el("img", {src: "/pages/" + encodeURIComponent(d.name) + "/" + n + ".png?g=" + state.generation,
                                 alt: d.name + ", page " + n, id: "page-" + d.name + "-" + n, "data-document": d.name, "data-page": String(n),
                                 width: String(Math.round(d.width * 96 / 72))});
          pages.append(el("figure", {}, img));
        }
        return el("section", {id: "document-" + d.name, "data-width": String(d.width)},
          el("h2", {}, d.name + " (" + d.pages + (d.pages === 1 ? " page)" : " pages)"), el("a", {href: "/pdf/" + encodeURIComponent(d.name) + ".pdf"}, "PDF")),
          pages);
      }));
      document.body.setAttribute("data-generation", String(state.generation));
    }
    async function origin(ev, img) {
      const name = img.dataset.document, width = Number(img.closest("section").dataset.width);
      const key = name + "/" + img.dataset.page;
      if (!maps.has(key)) maps.set(key, await (await fetch("/map/" + encodeURIComponent(name) + "/" + img.dataset.page + ".json")).json());
      const scale = img.clientWidth / width;
      const x = ev.offsetX / scale, y = ev.offsetY / scale;
      const hits = maps.get(key).filter(p => x >= p.x && x <= p.x + p.width && y >= p.y && y <= p.y + p.height);
      hits.sort((a, b) => a.width * a.height - b.width * b.height);
      const figure = img.parentElement;
      figure.querySelectorAll(".mark").forEach(m => m.remove());
      const box = document.getElementById("origin");
      if (hits.length === 0) { box.textContent = "Nothing from your files there (page furniture or white space)."; return; }
      const p = hits[0];
      figure.append(el("div", {class: "mark", style: "left:" + p.x * scale + "px;top:" + p.y * scale + "px;width:" + p.width * scale + "px;height:" + p.height * scale + "px"}));
      box.textContent = p.file + ", line " + p.line + ", column " + p.column + (p.field ? " — field " + p.field : " (written in the layout)");
    }
    document.getElementById("documents").addEventListener("click", ev => { if (ev.target.tagName === "IMG") origin(ev, ev.target); });
    const events = new EventSource("/events");
    events.addEventListener("build", () => refresh());
    </script>
    </body>
    </html>
    """#
}
