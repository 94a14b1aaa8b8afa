// presskit-fuzz: the libFuzzer entry point for the data loader (default) and the whole build
// (PRESSKIT_FUZZ=build). Built normally it replays files given as arguments, as the test suite does.
//   swift build --product presskit-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//   .build-fuzz/debug/presskit-fuzz Tests/PressKitTests/Fixtures/fuzz-corpus -max_total_time=600
import Foundation
import PressKit

let fuzzHome = ToolHome(root: URL(fileURLWithPath: ProcessInfo.processInfo.environment["PRESSKIT_HOME"] ?? FileManager.default.currentDirectoryPath))
// libFuzzer calls one input at a time, on one thread.
nonisolated(unsafe) let fuzzPipeline = Pipeline(home: fuzzHome)
let fuzzBuild = ProcessInfo.processInfo.environment["PRESSKIT_FUZZ"] == "build"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    if fuzzBuild { FuzzTargets.build(data, home: fuzzHome, pipeline: fuzzPipeline) } else { FuzzTargets.load(data) }
    return 0
}

#if FUZZING
// SwiftPM names an executable's entry point MODULE_main; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("presskit_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, { fuzzOne($0, $1) })
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            _ = data.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count) }
            print("replayed \(path)")
        }
    }
}
#endif
