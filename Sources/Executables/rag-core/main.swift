import RAGCore
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "rag-core") { settings, logger in
    try await buildRAGCore(configuration: RAGCoreConfiguration(settings: settings), logger: logger)
}
