import Foundation

/// Whether a style's text is set in capitals.
public enum TextTransform: String, Sendable, CaseIterable { case uppercase, none }
