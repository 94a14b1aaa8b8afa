import Foundation

/// Page numbers when two language versions follow each other in one PDF.
public enum BilingualNumbering: String, Sendable, CaseIterable { case continuous, restart }
