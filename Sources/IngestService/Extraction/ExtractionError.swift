/// Why one file could not be turned into an ``ExtractedDocument``. Ingestion records the
/// ``description`` as the item's failure reason, so each case reads as a sentence for an operator.
public enum ExtractionError: Error, Equatable, CustomStringConvertible {
    /// The file's format is not one we read; the associated value names its extension.
    case unsupportedFormat(String)
    /// The bytes are not text in any encoding we recognise (UTF-8, UTF-16 with BOM, Windows-1251).
    case undecodableText
    /// A tool needed for the format is not installed; `package` is the Debian package providing it.
    case toolMissing(tool: String, package: String)
    /// The file claims a format but its content is broken.
    case malformed(String)
    /// The file or what it expands to is over a limit.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let fileExtension):
            fileExtension.isEmpty ? "unsupported format: a file without an extension" : "unsupported format: .\(fileExtension)"
        case .undecodableText:
            "not readable as text (expected UTF-8, UTF-16 with a byte order mark, or Windows-1251)"
        case .toolMissing(let tool, let package):
            "\(tool) is not installed (install the \(package) package)"
        case .malformed(let reason):
            "malformed file: \(reason)"
        case .tooLarge(let reason):
            "too large: \(reason)"
        }
    }
}
