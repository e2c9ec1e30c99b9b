/// Why an archive, or one entry of it, was not read. The ``description`` is shown to the
/// operator as the job's or the item's failure reason.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    /// Not a zip file, or its central directory is damaged.
    case unreadable(String)
    case tooManyEntries(limit: Int)
    /// The entries together declare more bytes than allowed.
    case tooLarge(declaredBytes: Int, limit: Int)
    /// An entry (or, with `path` nil, the whole archive) expands more than the allowed ratio.
    case compressionRatioTooHigh(path: String?, ratio: Int, limit: Int)
    /// One entry declares more bytes than may be read into memory.
    case entryTooLarge(path: String, declaredBytes: Int, limit: Int)
    /// An entry inflated to more bytes than its header declared: the archive lies about its sizes.
    case entryLargerThanDeclared(path: String, declaredBytes: Int)
    /// An entry's data is damaged (checksum mismatch, bad compressed stream).
    case corruptEntry(path: String)

    public var description: String {
        switch self {
        case .unreadable(let reason):
            "not a readable zip archive: \(reason)"
        case .tooManyEntries(let limit):
            "the archive has more than \(limit) entries (ARCHIVE_MAX_ENTRIES)"
        case .tooLarge(let declared, let limit):
            "the archive expands to \(declared) bytes, more than the limit of \(limit) (ARCHIVE_MAX_BYTES)"
        case .compressionRatioTooHigh(let path?, let ratio, let limit):
            "\(path) is compressed \(ratio):1, more than the allowed \(limit):1 (a zip bomb?)"
        case .compressionRatioTooHigh(nil, let ratio, let limit):
            "the archive is compressed \(ratio):1, more than the allowed \(limit):1 (a zip bomb?)"
        case .entryTooLarge(let path, let declared, let limit):
            "\(path) expands to \(declared) bytes, more than \(limit) bytes per file"
        case .entryLargerThanDeclared(let path, let declared):
            "\(path) expands to more than the \(declared) bytes its header declares"
        case .corruptEntry(let path):
            "\(path) is damaged (bad compressed data or checksum)"
        }
    }
}
