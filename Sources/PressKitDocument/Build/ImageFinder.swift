import Foundation
import PressKitModel

/// Finds the image a mistyped path most likely meant, among the image files of the asset folders.
enum ImageFinder {
    /// The existing image path (relative to its folder) nearest to `name`: same file name in another
    /// folder first, then the closest spelling; nil when nothing is close.
    static func nearest(to name: String, in folders: [URL]) -> String? {
        var candidates: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let path as String in walker {
                if candidates.count > 5_000 { break }
                if ["png", "jpg", "jpeg", "svg"].contains((path as NSString).pathExtension.lowercased()) { candidates.append(path) }
            }
        }
        let file = (name as NSString).lastPathComponent
        if let same = candidates.first(where: { ($0 as NSString).lastPathComponent == file }) { return same }
        return SchemaValidator.suggestion(for: name, among: candidates)
    }
}
