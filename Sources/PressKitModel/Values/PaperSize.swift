import Foundation

/// The paper sizes press offices print on, by name; any other is written as width × height.
public enum PaperSize: String, CaseIterable, Sendable {
    case a3 = "A3", a4 = "A4", a5 = "A5", letter, legal

    /// The portrait size of the paper.
    public var size: Size {
        switch self {
        case .a3: return Size(width: .mm(297), height: .mm(420))
        case .a4: return .a4
        case .a5: return Size(width: .mm(148), height: .mm(210))
        case .letter: return Size(width: .inch(8.5), height: .inch(11))
        case .legal: return Size(width: .inch(8.5), height: .inch(14))
        }
    }

    /// A named size, or `WIDTH x HEIGHT` with units (`170mm x 240mm`); nil when neither, or not positive.
    public static func size(parsing text: String) -> Size? {
        if let named = PaperSize(rawValue: text) { return named.size }
        let parts = text.split(whereSeparator: { $0 == "x" || $0 == "×" }).map { $0.trimmingBlanks() }
        guard parts.count == 2, let w = Length(parsing: parts[0]), let h = Length(parsing: parts[1]), w.pt > 0, h.pt > 0 else { return nil }
        return Size(width: w, height: h)
    }
}
