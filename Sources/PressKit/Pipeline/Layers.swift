// The layers' public API, seen by whoever imports PressKit (the command line, the benchmark, the fuzzers).
@_exported import PressKitModel
@_exported import PressKitDocument
@_exported import PressKitLayout
@_exported import PressKitPDF
