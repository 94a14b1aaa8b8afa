import Foundation
import PressKit

/// Colour in what presskit prints on a terminal: the severity of a problem in red or yellow, its caret,
/// its hint and note. None when the output is not a terminal (a pipe, a file, an editor reading it), when
/// `NO_COLOR` is set to anything (no-color.org) or when the terminal is `dumb`.
enum Terminal {
    /// Whether standard error is a terminal that gets colour.
    static let standardErrorHasColour = hasColour(descriptor: 2)

    /// Whether the file descriptor is a terminal that gets colour, given the environment.
    static func hasColour(descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let no = environment["NO_COLOR"], !no.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) != 0
    }

    static let reset = "\u{1B}[0m", bold = "\u{1B}[1m", red = "\u{1B}[1;31m", yellow = "\u{1B}[1;33m", cyan = "\u{1B}[36m", blue = "\u{1B}[1;34m"

    /// A problem's text (`Diagnostic.terminalText`) with colours: the severity where it is first named, the
    /// source line's gutter, the caret, and the hint and note labels.
    static func coloured(_ text: String, severity: Diagnostic.Severity) -> String {
        let tone = severity == .error ? red : yellow
        var lines = text.components(separatedBy: "\n")
        guard !lines.isEmpty else { return text }
        if let range = lines[0].range(of: "\(severity.rawValue):") {
            lines[0] = lines[0].replacingCharacters(in: range, with: tone + "\(severity.rawValue):" + reset + bold)
            lines[0] += reset
        }
        for i in lines.indices.dropFirst() {
            let line = lines[i]
            if line.hasPrefix("  hint:") {
                lines[i] = cyan + "  hint:" + reset + line.dropFirst(7)
            } else if line.hasPrefix("  note:") {
                lines[i] = blue + "  note:" + reset + line.dropFirst(7)
            } else if let bar = line.range(of: " | "), line[..<bar.lowerBound].allSatisfy({ $0 == " " || $0.isNumber }) {
                let gutter = String(line[..<bar.upperBound])
                let rest = String(line[bar.upperBound...])
                let isCaret = rest.allSatisfy { $0 == " " || $0 == "^" } && rest.contains("^")
                lines[i] = blue + gutter + reset + (isCaret ? tone + rest + reset : rest)
            }
        }
        return lines.joined(separator: "\n")
    }
}
