/// A regular file in a zip archive that passed the path checks and may be read.
public struct ZipArchiveEntry: Sendable, Equatable, Hashable {
    /// The entry's path inside the archive, relative, `/`-separated, without `.` or empty parts.
    public var path: String
    /// The size the central directory declares; reading never returns more.
    public var uncompressedSize: Int
    public var compressedSize: Int
    /// Position of the entry in the archive's central directory, to find it again.
    let ordinal: Int
}
