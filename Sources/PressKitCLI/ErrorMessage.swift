import Foundation

/// Errors that are not diagnostics (file system, system calls) as one line a person can act on.
enum ErrorMessage {
    /// One line naming what failed and why, e.g. `cannot write Dist/sommet: a file with that name is already there`.
    static func line(_ error: Error) -> String {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return oneLine(String(describing: error)) }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if ns.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(truncatingIfNeeded: ns.code)))
        } else if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(truncatingIfNeeded: underlying.code)))
        } else {
            reason = cocoaReason(ns)
        }
        guard let path else { return oneLine(reason) }
        let verb = (256..<512).contains(ns.code) ? "cannot read" : (512..<768).contains(ns.code) ? "cannot write" : "cannot use"
        return oneLine("\(verb) \(path): \(reason)")
    }

    /// The reason of a Cocoa file error without an underlying system error.
    static func cocoaReason(_ error: NSError) -> String {
        switch error.code {
        case NSFileWriteFileExistsError: return "a file with that name is already there"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileReadCorruptFileError: return "the file is not in the expected format"
        default: return error.localizedFailureReason ?? error.localizedDescription
        }
    }

    /// `text` with its line breaks and runs of spaces made single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
