import Foundation

/// The weights a style may ask of its family, lightest first (CSS's 300, 400, 500, 600, 700): a family
/// need not have them all, and one it lacks is an error where it is asked for.
public enum FontWeight: String, Sendable, CaseIterable { case light, regular, medium, semibold, bold }
