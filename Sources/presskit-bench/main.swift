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
    print(String(format: "%-44@ %9.1f %9.1f %9.1f   %@", name as NSString, r.wallMs, r.cpuMs, r.peakMiB, target as NSString))
}

print(String(format: "%-44@ %9@ %9@ %9@   %@", "case (cold process, medians of \(runs))" as NSString, "wall ms" as NSString, "cpu ms" as NSString, "peak MiB" as NSString, "target" as NSString))
for layout in ["communique", "press-kit", "presidency-summary"] {
    for lang in ["fr", "en"] {
        bench("\(layout) \(lang)", target: layout == "communique" ? "≤ 60 ms" : layout == "press-kit" ? "≤ 100 ms" : "", ["build", meeting, "--out", out, "--layout", layout, "--lang", lang, "--force", "--quiet"])
    }
}
bench("six documents, one build", target: "≤ 250 ms, ≤ 40 MiB", ["build", meeting, "--out", out, "--force", "--quiet"])
bench("no-change rebuild", target: "≤ 15 ms", ["build", meeting, "--out", out, "--quiet"])
var flip = false
let original = (try? String(contentsOfFile: meeting, encoding: .utf8)) ?? ""
bench("one-field rebuild (six documents)", target: "≤ 120 ms", ["build", meeting, "--out", out, "--quiet"], prepare: {
    flip.toggle()
    try? original.replacingOccurrences(of: "comment lutter efficacement", with: flip ? "comment lutter plus efficacement" : "comment lutter efficacement")
        .write(toFile: meeting, atomically: true, encoding: .utf8)
})
try? original.write(toFile: meeting, atomically: true, encoding: .utf8)

// Scaling: the press kit at 16, 160 and 1,600 pages of the same kind of content.
for pages in [16, 160, 1600] {
    let folder = work.appendingPathComponent("large-\(pages)")
    try? FileManager.default.copyItem(at: example, to: folder)
    let file = folder.appendingPathComponent("meeting.yaml")
    try? MeetingGenerator.meeting(basedOn: original, pages: pages).write(to: file, atomically: true, encoding: .utf8)
    bench("press kit fr, ~\(pages) pages", target: pages == 16 ? "≤ 100 ms" : "linear", ["build", file.path, "--out", out, "--layout", "press-kit", "--lang", "fr", "--force", "--quiet"])
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
    print(String(format: "%-44@ %9.1f %9.1f %9.1f   %@", r.name as NSString, r.wallMs, r.cpuMs, r.peakMiB, r.target as NSString))
}

let sizes = ["communique.fr.pdf", "press-kit.fr.pdf", "presidency-summary.fr.pdf"].map { name -> String in
    let size = (try? FileManager.default.attributesOfItem(atPath: "\(out)/g7/\(name)")[.size] as? Int) ?? 0
    return "\(name) \(size / 1024) KB"
}
print("sizes: " + sizes.joined(separator: ", ") + "   (press kit target ≤ 120 KB)")
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = work.appendingPathComponent("bench.json")
try? encoder.encode(results).write(to: json)
print("json: \(json.path)")
