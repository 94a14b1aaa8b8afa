import Foundation

/// How lines sit between the paragraph's edges.
public enum Alignment: String, Sendable, CaseIterable { case left, right, center, justify }
