// presskit-bench: times presskit as a press officer uses it — cold processes for each document kind and
// language, no-change and one-field rebuilds, large documents for scaling, and a batch of 100 meetings in
// one process — and prints medians of wall time, CPU time and peak memory, as a table and as JSON.
import Foundation
import PressKit
#if canImport(Glibc)
import Glibc
#endif

/// One measured run of a child process.
struct Sample { var wall: Double; var cpu: Double; var maxRSS: Int }

/// Runs `arguments` as a child process and measures it with wait4's resource usage.
func measure(_ arguments: [String], environment: [String: String]) -> Sample {
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = Date()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, envp) == 0 else { return Sample(wall: .nan, cpu: .nan, maxRSS: 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let wall = Date().timeIntervalSince(start)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return Sample(wall: wall, cpu: cpu, maxRSS: usage.ru_maxrss)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// `text` padded with spaces to `width` characters (left-aligned), or cut to it.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
}

/// A number right-aligned in `width` characters, with `decimals` decimals; "–" when there is none.
func cell(_ value: Double?, _ width: Int = 10, decimals: Int = 1, suffix: String = "") -> String {
    let text = value.map { $0.isNaN ? "–" : String(format: "%.\(decimals)f", $0) + suffix } ?? "–"
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

struct Result: Encodable { var name: String; var runs: Int; var wallMs: Double; var cpuMs: Double; var peakMiB: Double; var target: String }

let args = CommandLine.arguments
let runs = args.firstIndex(of: "--runs").flatMap { Int(args[$0 + 1]) } ?? 11
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let binary = root.appendingPathComponent(".build/release/presskit").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("build presskit in release first: swift build -c release --product presskit"); exit(2)
}
let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("presskit-bench-\(getpid())")
try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let example = root.appendingPathComponent("Examples/g7-numerique-2019")
let meetingFolder = work.appendingPathComponent("g7")
try? FileManager.default.copyItem(at: example, to: meetingFolder)
let meeting = meetingFolder.appendingPathComponent("meeting.yaml").path
let out = work.appendingPathComponent("out").path
let env = ["PRESSKIT_HOME": root.path, "SOURCE_DATE_EPOCH": "1557878400", "HOME": NSHomeDirectory(), "PATH": "/usr/bin:/bin"]
var results: [Result] = []

@MainActor
func bench(_ name: String, target: String, _ arguments: [String], prepare: (() -> Void)? = nil) {
    var samples: [Sample] = []
    _ = measure([binary] + arguments, environment: env)  // warm the file cache
    for _ in 0..<runs {
        prepare?()
        samples.append(measure([binary] + arguments, environment: env))
    }
    let r = Result(name: name, runs: runs, wallMs: median(samples.map(\.wall)) * 1000, cpuMs: median(samples.map(\.cpu)) * 1000,
                   peakMiB: median(samples.map { Double($0.maxRSS) / 1024 }), target: target)
    results.append(r)
    print(pad(name, 46) + cell(r.wallMs) + cell(r.cpuMs) + cell(r.peakMiB) + "   " + target)
}

print(pad("case (cold process, medians of \(runs))", 46) + "   wall ms    cpu ms  peak MiB   target")
for layout in ["communique", "press-kit", "presidency-summary"] {
    for lang in ["fr", "en"] {
        bench("\(layout) \(lang)", target: "", ["build", meeting, "--out", out, "--layout", layout, "--lang", lang, "--force", "--quiet"])
    }
}
bench("six documents, one build", target: "≤ 100 ms, ≤ 40 MiB", ["build", meeting, "--out", out, "--force", "--quiet"])
bench("no-change rebuild", target: "≤ 10 ms", ["build", meeting, "--out", out, "--quiet"])
var flip = false
let original = (try? String(contentsOfFile: meeting, encoding: .utf8)) ?? ""
bench("one-field rebuild (six documents)", target: "", ["build", meeting, "--out", out, "--quiet"], prepare: {
    flip.toggle()
    try? original.replacingOccurrences(of: "comment lutter efficacement", with: flip ? "comment lutter plus efficacement" : "comment lutter efficacement")
        .write(toFile: meeting, atomically: true, encoding: .utf8)
})
try? original.write(toFile: meeting, atomically: true, encoding: .utf8)

// The same pages as Typst's (../shared/bench-peers): the dossier-complet example's communiqué (2 pages) and
// press kit (14 pages), each presskit cold process alternated with one Typst compile of the same content
// in a fresh Python process (typst-time.py: the compile alone, inside the process, first and memoized),
// and the median of the per-pair ratios. Without Python's typst module, presskit's column alone.
let dossier = root.appendingPathComponent("Examples/g7-numerique-2019-dossier-complet/meeting.yaml").path
let peers = [root.deletingLastPathComponent().appendingPathComponent("shared/bench-peers/typst-time.py").path,
             root.appendingPathComponent("../shared/bench-peers/typst-time.py").standardizedFileURL.path]
    .first { FileManager.default.fileExists(atPath: $0) }
let python = [root.appendingPathComponent(".build/typst-venv/bin/python").path, "/usr/bin/python3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) && measureOutput([$0, "-c", "import typst"]) != nil }
/// Runs a child process and returns its standard output, or nil when it fails.
func measureOutput(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
}
struct PeerResult: Encodable { var name: String; var runs: Int; var presskitMs: Double; var typstFirstMs: Double?; var typstMemoizedMs: Double?; var ratio: Double? }
var peerResults: [PeerResult] = []
/// Typst's memoized recompile of the press kit (fr), the bar for a watch rebuild.
var typstMemoizedKit: Double?
print("")
print(pad("same content as Typst (medians of \(runs) pairs)", 46) + "  presskit Typst 1st Typst memo     ratio   target")
for (doc, layout) in [("communique", "communique"), ("presskit", "press-kit")] {
    for lang in ["fr", "en"] {
        let arguments = [binary, "build", dossier, "--out", out, "--layout", layout, "--lang", lang, "--force", "--quiet"]
        _ = measure(arguments, environment: env)
        var ours: [Double] = [], first: [Double] = [], memo: [Double] = [], ratios: [Double] = []
        for _ in 0..<runs {
            let sample = measure(arguments, environment: env).wall * 1000
            ours.append(sample)
            if let python, let peers, let line = measureOutput([python, peers, doc, lang]) {
                let figures = line.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                if figures.count == 2 { first.append(figures[0]); memo.append(figures[1]); ratios.append(sample / figures[0]) }
            }
        }
        let r = PeerResult(name: "\(doc) \(lang) (\(layout))", runs: runs, presskitMs: median(ours),
                           typstFirstMs: first.isEmpty ? nil : median(first), typstMemoizedMs: memo.isEmpty ? nil : median(memo),
                           ratio: ratios.isEmpty ? nil : median(ratios))
        if doc == "presskit", lang == "fr" { typstMemoizedKit = r.typstMemoizedMs }
        peerResults.append(r)
        print(pad(r.name, 46) + cell(r.presskitMs) + cell(r.typstFirstMs) + cell(r.typstMemoizedMs) + cell(r.ratio, decimals: 2, suffix: "×") + "   ≤ 1.00×")
    }
}
if python == nil || peers == nil { print("(no Typst column: needs ../shared/bench-peers/typst-time.py and Python's typst module, see .ci/install-typst)") }

// A one-paragraph edit under `watch`: from the write of the meeting file to the press kit renamed into
// place, against Typst's memoized recompile of the same document.
do {
    let folder = work.appendingPathComponent("watch")
    try? FileManager.default.copyItem(at: root.appendingPathComponent("Examples/g7-numerique-2019-dossier-complet"), to: folder)
    let file = folder.appendingPathComponent("meeting.yaml").path
    let watchOut = work.appendingPathComponent("watch-out")
    let pdf = watchOut.appendingPathComponent("watch/press-kit.fr.pdf").path
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    let before = "témoigne de la nécessité", after = "montre la nécessité"
    let watch = Process()
    watch.executableURL = URL(fileURLWithPath: binary)
    watch.arguments = ["watch", file, "--layout", "press-kit", "--lang", "fr", "--out", watchOut.path]
    watch.environment = env
    watch.standardOutput = FileHandle.nullDevice
    watch.standardError = FileHandle.nullDevice
    func inode() -> UInt64? {
        var st = stat()
        return stat(pdf, &st) == 0 ? UInt64(st.st_ino) : nil
    }
    var samples: [Double] = []
    if text.contains(before), (try? watch.run()) != nil {
        var waited = 0
        while inode() == nil, waited < 20_000 { usleep(1000); waited += 1 }
        usleep(300_000)  // the first build's cache written, the watcher waiting
        var edited = false
        for _ in 0..<(runs + 1) {
            guard let old = inode() else { break }
            edited.toggle()
            let start = Date()
            try? (edited ? text.replacingOccurrences(of: before, with: after) : text).write(toFile: file, atomically: false, encoding: .utf8)
            var spins = 0
            while inode() == old, spins < 5000 { usleep(200); spins += 1 }
            samples.append(Date().timeIntervalSince(start) * 1000)
            usleep(250_000)  // the build's cache saved, the watcher waiting again
        }
        watch.terminate()
        watch.waitUntilExit()
        samples.removeFirst()  // the first edit meets a cold paragraph cache for the edited text's neighbours
    }
    let m = median(samples)
    let bar = typstMemoizedKit.map { String(format: "≤ Typst memoized %.1f ms", $0) } ?? "≤ Typst memoized"
    results.append(Result(name: "watch: one paragraph edited → press kit fr", runs: samples.count, wallMs: m, cpuMs: .nan, peakMiB: .nan, target: bar))
    print("")
    print(pad("watch: one paragraph edited → press kit fr", 46) + cell(m) + cell(nil) + cell(nil) + "   " + bar)
    print("")
}

// Scaling: the press kit at 16, 160 and 1,600 pages of the same kind of content: one paragraph repeated
// (found in the paragraph cache after the first), then five paragraphs in turn, each numbered, no two alike.
/// The page count a build recorded in its cache file (`"pages":N`).
func madePages(_ cacheFile: String) -> Int? {
    guard let text = try? String(contentsOfFile: cacheFile, encoding: .utf8), let at = text.range(of: "\"pages\":") else { return nil }
    return Int(String(text[at.upperBound...].prefix { $0.isNumber }))
}
for distinct in [false, true] {
    var scaling: [(pages: Int, ms: Double)] = []
    for pages in [16, 160, 1600] {
        let name = distinct ? "distinct-\(pages)" : "large-\(pages)"
        let folder = work.appendingPathComponent(name)
        try? FileManager.default.copyItem(at: example, to: folder)
        let file = folder.appendingPathComponent("meeting.yaml")
        try? MeetingGenerator.meeting(basedOn: original, pages: pages, distinct: distinct).write(to: file, atomically: true, encoding: .utf8)
        bench("press kit fr, ~\(pages) pages" + (distinct ? ", distinct" : ""), target: pages == 16 ? "" : "≤ 2 ms per added page",
              ["build", file.path, "--out", out, "--layout", "press-kit", "--lang", "fr", "--force", "--quiet"])
        // The pages actually made, for the cost of each added one.
        scaling.append((madePages("\(out)/\(name)/.presskit-cache.json") ?? pages, results[results.count - 1].wallMs))
    }
    for (a, b) in zip(scaling, scaling.dropFirst()) where b.pages > a.pages {
        print(pad("  per added page, \(a.pages) → \(b.pages) pages" + (distinct ? ", distinct" : ""), 46)
              + cell((b.ms - a.ms) / Double(b.pages - a.pages), decimals: 2) + " ms   ≤ 2 ms")
    }
}

// A batch of 100 meetings × 2 languages of communiqués, in one process.
do {
    let home = ToolHome(root: root)
    let pipeline = Pipeline(home: home)
    var files: [String] = []
    for i in 0..<100 {
        let folder = work.appendingPathComponent("batch/m\(i)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? FileManager.default.copyItem(at: example.appendingPathComponent("photos"), to: folder.appendingPathComponent("photos"))
        let file = folder.appendingPathComponent("meeting.yaml")
        try? MeetingGenerator.meeting(basedOn: original, pages: 0, seed: i).write(to: file, atomically: true, encoding: .utf8)
        files.append(file.path)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpuBefore = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    let start = Date()
    var built = 0
    for file in files {
        var request = BuildRequest(meetingPath: file, layouts: ["communique"], outputFolder: work.appendingPathComponent("batch-out"),
                                   created: Date(timeIntervalSince1970: 1_557_878_400))
        request.dateIsFixed = true
        built += (try? pipeline.build(request).count) ?? 0
    }
    let wall = Date().timeIntervalSince(start)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6 - cpuBefore
    let r = Result(name: "100 meetings × 2 communiqués, one process", runs: 1, wallMs: wall * 1000, cpuMs: cpu * 1000,
                   peakMiB: Double(usage.ru_maxrss) / 1024, target: "≤ 3000 ms (\(built) PDFs)")
    results.append(r)
    print(pad(r.name, 46) + cell(r.wallMs) + cell(r.cpuMs) + cell(r.peakMiB) + "   " + r.target)
}

let sizes = ["communique.fr.pdf", "press-kit.fr.pdf", "presidency-summary.fr.pdf"].map { name -> String in
    let size = (try? FileManager.default.attributesOfItem(atPath: "\(out)/g7/\(name)")[.size] as? Int) ?? 0
    return "\(name) \(size / 1024) KB"
}
print("sizes: " + sizes.joined(separator: ", ") + "   (press kit target ≤ 120 KB)")
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = work.appendingPathComponent("bench.json")
struct Report: Encodable { var cases: [Result]; var peers: [PeerResult] }
try? encoder.encode(Report(cases: results, peers: peerResults)).write(to: json)
print("json: \(json.path)")
