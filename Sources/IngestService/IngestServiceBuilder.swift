import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the services of the `ingest-service` process; its `main` and the tests both call this.
public func buildIngestService(configuration: IngestServiceConfiguration, logger: Logger) async throws -> [any Service] {
    try configuration.layout.createDirectories()
    let handlers = WireHandlerTable()
    let server = WireServer(
        configuration: .init(
            socketPath: configuration.layout.ingestSocket,
            serviceName: "ingest-service",
            maxFrameLength: configuration.wire.maxFrameLength
        ),
        handlers: handlers,
        logger: logger
    )
    return [server]
}
