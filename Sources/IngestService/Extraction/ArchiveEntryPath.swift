import Foundation

/// The path checks every archive entry passes before it may be read.
enum ArchiveEntryPath {
    enum Verdict: Equatable {
        /// The normalised relative path: `/`-separated, no `.` or empty parts.
        case accepted(String)
        case refused(RefusedArchiveEntry.Reason)
    }

    static func check(_ rawPath: String) -> Verdict {
        if rawPath.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return .refused(.invalidName) }
        let path = rawPath.replacingOccurrences(of: "\\", with: "/")
        if path.hasPrefix("/") { return .refused(.absolutePath) }
        let drive = Array(path.prefix(2))
        if drive.count == 2, drive[0].isASCIILetter, drive[1] == ":" { return .refused(.absolutePath) }
        let parts = path.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { return .refused(.parentDirectory) }
        if parts.first == "__MACOSX" { return .refused(.systemMetadata) }
        guard !parts.isEmpty else { return .refused(.invalidName) }
        return .accepted(parts.joined(separator: "/"))
    }
}
