import ServiceSupport

/// How much an uploaded archive may expand to. Checked against the archive's central
/// directory before anything is read (so a zip bomb fails at once) and again while each entry
/// is inflated (so sizes that lie are caught too).
public struct ArchiveLimits: Sendable, Equatable {
    /// Most file entries an archive may list (`ARCHIVE_MAX_ENTRIES`).
    public var maxEntries: Int
    /// Most bytes all entries together may expand to (`ARCHIVE_MAX_BYTES`).
    public var maxTotalBytes: Int
    /// Highest uncompressed-to-compressed ratio, per entry and for the whole archive.
    public var maxCompressionRatio: Int
    /// Most bytes one entry may expand to, since an entry is read whole into memory; a larger
    /// entry fails when it is read, leaving the rest of the archive readable.
    public var maxEntryBytes: Int
    /// Sizes below which the ratio is not checked: a small file of repeated lines compresses
    /// far beyond 100:1 and is harmless.
    public var ratioCheckThreshold: Int

    public init(
        maxEntries: Int = 10_000, maxTotalBytes: Int = 1 << 30, maxCompressionRatio: Int = 100, maxEntryBytes: Int = 256 << 20,
        ratioCheckThreshold: Int = 1 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxEntryBytes = maxEntryBytes
        self.ratioCheckThreshold = ratioCheckThreshold
    }

    /// Reads `ARCHIVE_MAX_ENTRIES` and `ARCHIVE_MAX_BYTES`; the rest keep their defaults.
    public init(settings: Settings) throws(ConfigurationError) {
        self.init(
            maxEntries: try settings.int("ARCHIVE_MAX_ENTRIES", default: 10_000, range: 1...1_000_000),
            maxTotalBytes: try settings.int("ARCHIVE_MAX_BYTES", default: 1 << 30, range: 1024...(1 << 40))
        )
    }
}
