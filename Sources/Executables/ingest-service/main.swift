import IngestService
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "ingest-service") { settings, logger in
    try await buildIngestService(configuration: IngestServiceConfiguration(settings: settings), logger: logger)
}
