import IngestService
import ServiceSupport

await ServiceHost.main(service: "ingest-service") { settings, logger in
    try await buildIngestService(configuration: IngestServiceConfiguration(settings: settings), logger: logger)
}
