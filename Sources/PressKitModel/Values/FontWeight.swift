import Foundation

/// The weights the shipped fonts provide.
public enum FontWeight: String, Sendable, CaseIterable { case regular, semibold, bold }
