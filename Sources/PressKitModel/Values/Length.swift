// Values: the typed values meeting and layout files speak of (lengths, colours, paper sizes, alignment, weights).
import Foundation

/// A typographic length, stored in PostScript points (1/72 in, one PDF unit).
public struct Length: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var pt: Double
    public init(pt: Double) { self.pt = pt }

    public static func pt(_ v: Double) -> Length { Length(pt: v) }
    public static func mm(_ v: Double) -> Length { Length(pt: v * 72 / 25.4) }
    public static func cm(_ v: Double) -> Length { .mm(v * 10) }
    public static func inch(_ v: Double) -> Length { Length(pt: v * 72) }
    public static let zero = Length(pt: 0)

    /// Parses "20mm", "1.5cm", "10.5pt", "1in"; nil when the unit is missing or unknown.
    public init?(parsing text: String) {
        let t = text.trimmingBlanks()
        for (unit, factor) in [("mm", 72 / 25.4), ("cm", 720 / 25.4), ("pt", 1.0), ("in", 72.0)] where t.hasSuffix(unit) {
            guard let v = Double(t.dropLast(unit.count).trimmingBlanks()), v.isFinite else { return nil }
            self.pt = v * factor
            return
        }
        return nil
    }

    public var mm: Double { pt * 25.4 / 72 }
    public var description: String { String(printf: "%.2fpt", pt) }

    public static func + (a: Length, b: Length) -> Length { Length(pt: a.pt + b.pt) }
    public static func - (a: Length, b: Length) -> Length { Length(pt: a.pt - b.pt) }
    public static func * (a: Length, k: Double) -> Length { Length(pt: a.pt * k) }
    public static func += (a: inout Length, b: Length) { a.pt += b.pt }
    public static func -= (a: inout Length, b: Length) { a.pt -= b.pt }
    public static func < (a: Length, b: Length) -> Bool { a.pt < b.pt }
}

/// Four values, one per side of a box (margins, paddings).
public struct Sides<T: Sendable>: Sendable {
    public var top: T, right: T, bottom: T, left: T
    public init(top: T, right: T, bottom: T, left: T) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }
}

/// A point on a page, from its top-left corner, y downwards.
public struct Point: Hashable, Sendable {
    public var x: Length, y: Length
    public init(x: Length, y: Length) { self.x = x; self.y = y }
}

/// A width and a height.
public struct Size: Hashable, Sendable {
    public var width: Length, height: Length
    public init(width: Length, height: Length) { self.width = width; self.height = height }
    /// ISO A4 portrait.
    public static let a4 = Size(width: .mm(210), height: .mm(297))
}

/// An axis-aligned rectangle on a page.
public struct Rect: Hashable, Sendable {
    public var origin: Point, size: Size
    public init(x: Length, y: Length, width: Length, height: Length) {
        origin = Point(x: x, y: y); size = Size(width: width, height: height)
    }
    public var minX: Length { origin.x }
    public var minY: Length { origin.y }
    public var maxX: Length { origin.x + size.width }
    public var maxY: Length { origin.y + size.height }
    /// Whether `other` lies inside this rectangle, allowing `tolerance` for rounding.
    public func contains(_ other: Rect, tolerance: Double = 0.01) -> Bool {
        other.minX.pt >= minX.pt - tolerance && other.minY.pt >= minY.pt - tolerance
            && other.maxX.pt <= maxX.pt + tolerance && other.maxY.pt <= maxY.pt + tolerance
    }
}
