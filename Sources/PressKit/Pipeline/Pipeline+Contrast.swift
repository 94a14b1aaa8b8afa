import Foundation
import PressKitModel
import PressKitDocument

extension Pipeline {
    /// A warning for each style whose text colour is too pale on the white page for WCAG 2.2 AA: a contrast
    /// under 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold). Given at the style's colour (the token in
    /// the layout, for a theme's colour), once per colour and place.
    func contrastWarnings(_ sheets: [StyleSheet]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen = Set<String>()
        for sheet in sheets {
            for style in sheet.colours {
                let large = style.size.pt >= 18 || (style.size.pt >= 14 && (style.weight == .bold || style.weight == .semibold))
                let needed = large ? 3.0 : 4.5
                let ratio = Self.contrast(style.color, .white)
                guard ratio < needed, seen.insert("\(style.color.hex)|\(style.mark.file):\(style.mark.line)").inserted else { continue }
                out.append(Diagnostic(.warning, at: style.mark, path: "styles.\(style.style).color",
                                      "the style `\(style.style)` sets text in \(style.color.hex) on white: a contrast of \(String(printf: "%.1f", ratio)):1, where WCAG 2.2 AA asks \(large ? "3" : "4.5"):1 for text of \(String(printf: "%g", style.size.pt)) pt",
                                      hint: "darken the colour (in the theme, for a token) until the contrast is \(large ? "3" : "4.5"):1 or more"))
            }
        }
        return out
    }

    /// WCAG's contrast ratio of two colours, from 1 to 21.
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        func luminance(_ c: RGB) -> Double {
            func channel(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
