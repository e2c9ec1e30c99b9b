import ServiceSupport

/// Everything `ingest-service` needs to start, read once from the settings.
public struct IngestServiceConfiguration: Sendable {
    public var layout: MeshLayout
    public var wire: WireSettings
    /// `INGEST_WORKERS` (default 2): tasks run at the same time. Small on purpose: queries
    /// to rag-core share the machine with every document a worker indexes.
    public var workers: Int
    /// `ARCHIVE_MAX_ENTRIES` (10,000) and `ARCHIVE_MAX_BYTES` (1 GiB uncompressed).
    public var archiveMaxEntries: Int
    public var archiveMaxBytes: Int64
    /// `INGEST_ALLOW_PRIVATE_URLS` (false): fetch from loopback, private and link-local
    /// addresses, and clone `file://` or local repositories. For tests and closed networks.
    public var allowPrivateURLs: Bool
    /// `INGEST_URL_TIMEOUT_MS` (20 s) per page, `INGEST_URL_MAX_BYTES` (10 MiB) per page.
    public var urlTimeout: Duration
    public var urlMaxBytes: Int
    /// `INGEST_CRAWL_MAX_PAGES` (200): the most pages one URL task may fetch.
    public var crawlMaxPages: Int
    /// `INGEST_GIT_TIMEOUT_MS` (5 min) for the clone, `INGEST_GIT_MAX_BYTES` (500 MiB) for the checkout.
    public var gitTimeout: Duration
    public var gitMaxBytes: Int64
    /// `INGEST_ITEM_MAX_BYTES` (20 MiB): larger files in an archive or repository are skipped.
    public var itemMaxBytes: Int
    /// How long a running task's lease lasts without a heartbeat before another start takes it over.
    public var leaseDuration: Duration

    public init(
        layout: MeshLayout, wire: WireSettings = WireSettings(), workers: Int = 2, archiveMaxEntries: Int = 10_000,
        archiveMaxBytes: Int64 = 1 << 30, allowPrivateURLs: Bool = false, urlTimeout: Duration = .seconds(20),
        urlMaxBytes: Int = 10 << 20, crawlMaxPages: Int = 200, gitTimeout: Duration = .seconds(300), gitMaxBytes: Int64 = 500 << 20,
        itemMaxBytes: Int = 20 << 20, leaseDuration: Duration = .seconds(60)
    ) {
        self.layout = layout
        self.wire = wire
        self.workers = workers
        self.archiveMaxEntries = archiveMaxEntries
        self.archiveMaxBytes = archiveMaxBytes
        self.allowPrivateURLs = allowPrivateURLs
        self.urlTimeout = urlTimeout
        self.urlMaxBytes = urlMaxBytes
        self.crawlMaxPages = crawlMaxPages
        self.gitTimeout = gitTimeout
        self.gitMaxBytes = gitMaxBytes
        self.itemMaxBytes = itemMaxBytes
        self.leaseDuration = leaseDuration
    }

    public init(settings: Settings) throws(ConfigurationError) {
        self.init(
            layout: MeshLayout(settings: settings),
            wire: try WireSettings(settings: settings),
            workers: try settings.int("INGEST_WORKERS", default: 2, range: 1...64),
            archiveMaxEntries: try settings.int("ARCHIVE_MAX_ENTRIES", default: 10_000, range: 1...10_000_000),
            archiveMaxBytes: Int64(try settings.int("ARCHIVE_MAX_BYTES", default: 1 << 30, range: 1024...(1 << 40))),
            allowPrivateURLs: try settings.bool("INGEST_ALLOW_PRIVATE_URLS", default: false),
            urlTimeout: try settings.milliseconds("INGEST_URL_TIMEOUT_MS", default: .seconds(20)),
            urlMaxBytes: try settings.int("INGEST_URL_MAX_BYTES", default: 10 << 20, range: 1024...(1 << 30)),
            crawlMaxPages: try settings.int("INGEST_CRAWL_MAX_PAGES", default: 200, range: 1...100_000),
            gitTimeout: try settings.milliseconds("INGEST_GIT_TIMEOUT_MS", default: .seconds(300)),
            gitMaxBytes: Int64(try settings.int("INGEST_GIT_MAX_BYTES", default: 500 << 20, range: 1024...(1 << 40))),
            itemMaxBytes: try settings.int("INGEST_ITEM_MAX_BYTES", default: 20 << 20, range: 1024...(1 << 30))
        )
    }

    /// The jobs database, `jobs.sqlite` in the data directory.
    public var databasePath: String { layout.dataPath("jobs.sqlite") }
    /// Where the gateway stages uploads; a submitted file must lie inside.
    public var stagingDirectory: String { layout.dataPath("staging") }
    /// Scratch space of running tasks (git checkouts), one folder per task.
    public var workDirectory: String { layout.dataPath("ingest-work") }
}
