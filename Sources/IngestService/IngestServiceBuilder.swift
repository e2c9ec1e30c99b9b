import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the services of the `ingest-service` process; its `main` and the tests both call this.
///
/// Opens (and migrates) `jobs.sqlite`, serves the `ingest.*` methods on `ingest.sock`, and
/// runs the worker pool, which first takes back the tasks a previous process left running.
public func buildIngestService(configuration: IngestServiceConfiguration, logger: Logger) async throws -> [any Service] {
    try configuration.layout.createDirectories()
    let database = try JobsDatabase.open(path: configuration.databasePath)
    let store = IngestionJobStore(database: database)
    let rag = configuration.wire.client(socketPath: configuration.layout.ragSocket, serviceName: "rag-core")
    let fetcher = WebPageFetcher(
        timeout: configuration.urlTimeout, maxBytes: configuration.urlMaxBytes, allowPrivate: configuration.allowPrivateURLs)
    let runner = IngestionJobRunner(
        store: store, indexer: DocumentIndexer(rag: rag), configuration: configuration, logger: logger, fetcher: fetcher)
    let pool = IngestionWorkerPool(
        store: store, runner: runner, workers: configuration.workers, lease: configuration.leaseDuration, logger: logger,
        staging: StagingSweep(directory: configuration.stagingDirectory, maxAge: 7 * 24 * 3600))
    let queue = IngestionQueue(store: store, pool: pool, configuration: configuration)
    logger.info(
        "jobs database ready",
        metadata: [
            "path": "\(configuration.databasePath)", "workers": "\(configuration.workers)",
            "allow_private_urls": "\(configuration.allowPrivateURLs)",
        ])
    let server = WireServer(
        configuration: .init(
            socketPath: configuration.layout.ingestSocket,
            serviceName: "ingest-service",
            maxFrameLength: configuration.wire.maxFrameLength
        ),
        handlers: queue.wireHandlers(),
        logger: logger
    )
    return [server, pool]
}
