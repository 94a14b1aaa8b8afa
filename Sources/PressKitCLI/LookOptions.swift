import ArgumentParser
import Foundation
import PressKit

/// How the documents look and where their fonts come from: the theme and the font folders. Part of every
/// build's selection, and of `presskit fonts`, so both see the same fonts.
struct LookOptions: ParsableArguments {
    @Option(name: .customLong("theme"), help: "Draw every document in this theme (a name of Layouts/themes/, or a theme file's path), instead of the meeting file's `theme:`.")
    var theme: String?

    @Option(name: .customLong("font-path"), help: "Another folder fonts may come from, besides the meeting's fonts/ and presskit's Assets/fonts.")
    var fontPaths: [String] = []

    /// Whether any of these was given.
    var isEmpty: Bool { theme == nil && fontPaths.isEmpty }

    /// `request` with this theme and these font folders.
    func apply(to request: inout BuildRequest) {
        request.theme = theme
        request.fontFolders = fontPaths.map { URL(fileURLWithPath: $0).standardizedFileURL }
    }
}
