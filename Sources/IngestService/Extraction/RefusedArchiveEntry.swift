/// An entry of a zip archive that is listed but never read, with why.
public struct RefusedArchiveEntry: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable {
        /// `/etc/passwd`, `\evil`, `C:\evil`: would escape any target folder.
        case absolutePath = "absolute path"
        /// A `..` part: would escape the target folder (zip slip).
        case parentDirectory = "path leaves the archive folder (..)"
        case symbolicLink = "symbolic link"
        /// A second entry with the same path as an earlier one.
        case duplicatePath = "duplicate path"
        /// A NUL or other control character in the name.
        case invalidName = "invalid file name"
        /// `__MACOSX/` resource forks added by the macOS archiver: not documents.
        case systemMetadata = "system metadata"
    }

    /// The path as written in the archive.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}
