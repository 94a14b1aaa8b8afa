import CCairo
import CImages
import Foundation
import PressKitModel

/// The images' Cairo surfaces (pixels, or an SVG logo's recorded drawing), made once per process for each
/// file as it is (its stamp) and kept: used only while `CairoLock` is held, like every Cairo object. A raster
/// surface let go while a PDF surface had drawn it made Cairo 1.16 copy its whole pixel buffer first (a
/// snapshot detached), even a JPEG's pixels that were never read: megabytes written for nothing at the end of
/// every document with a photograph (six documents: 3,500 page faults, 3.4 MiB of peak memory, 6 ms). Kept,
/// the surfaces and the recorded SVG logos are also shared by the documents and the builds of a process (the
/// same photograph and logos in every language, each `watch` build). A changed file gets a new one, and so
/// does a file whose stamp was taken too soon after it was written to tell a later write from none
/// (`FileStamp.isRacy`: a photograph saved twice in one tick of the file clock); beyond `limit`, the least
/// recently used go.
enum ImageStore {
    /// What is kept of a file: its pixels (JPEGs decoded or only their bytes attached), or its vectors.
    enum Form: Hashable { case pixels(decoded: Bool), vectors }
    struct Key: Hashable { var file: URL; var form: Form }
    struct Entry { var stamp: FileStamp; var takenAt: Int64; var object: OpaquePointer; var width: Double; var height: Double; var used: Int }

    /// Only ever read or changed while `CairoLock` is held.
    nonisolated(unsafe) private static var entries: [Key: Entry] = [:]
    nonisolated(unsafe) private static var clock = 0
    static let limit = 64

    /// The surface of `file` (JPEGs with their pixels only if `decoded`), made by `make` unless the file is
    /// unchanged since it was made.
    static func surface(_ file: URL, decoded: Bool,
                        make: () throws -> (OpaquePointer, Double, Double)) rethrows -> (surface: OpaquePointer, width: Double, height: Double) {
        try kept(Key(file: file, form: .pixels(decoded: decoded)), make: make)
    }

    /// The recording surface of the SVG `file` and its intrinsic size, made by `make` unless the file is
    /// unchanged since it was made.
    static func vectors(_ file: URL,
                        make: () throws -> (OpaquePointer, Double, Double)) rethrows -> (surface: OpaquePointer, width: Double, height: Double) {
        try kept(Key(file: file, form: .vectors), make: make)
    }

    private static func kept(_ key: Key, make: () throws -> (OpaquePointer, Double, Double)) rethrows -> (OpaquePointer, Double, Double) {
        let takenAt = FileStamp.now()
        let stamp = FileStamp.of(key.file.path)
        clock += 1
        if var entry = entries[key] {
            if entry.stamp.vouches(for: stamp, takenAt: entry.takenAt) {
                entry.used = clock
                entries[key] = entry
                return (entry.object, entry.width, entry.height)
            }
            cairo_surface_destroy(entry.object)
            entries[key] = nil
        }
        let (object, width, height) = try make()
        made += 1
        if entries.count >= limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            cairo_surface_destroy(oldest.value.object)
            entries[oldest.key] = nil
        }
        entries[key] = Entry(stamp: stamp, takenAt: takenAt, object: object, width: width, height: height, used: clock)
        return (object, width, height)
    }

    /// How many images are kept, and how many were made (for tests).
    static var count: Int { entries.count }
    nonisolated(unsafe) private(set) static var made = 0
}
