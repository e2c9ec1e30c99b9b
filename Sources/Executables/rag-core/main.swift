import Logging
import RAGCore
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
if CommandLine.arguments.dropFirst().first == "reindex" {
    // `rag-core reindex`: rebuild the search index from kb.sqlite, with the service stopped.
    await ServiceHost.runOnce(service: "rag-core") { settings, logger in
        let chunks = try await reindexRAGCore(configuration: RAGCoreConfiguration(settings: settings), logger: logger)
        logger.info("search index rebuilt", metadata: ["chunks": "\(chunks)"])
    }
} else {
    await ServiceHost.main(service: "rag-core") { settings, logger in
        try await buildRAGCore(configuration: RAGCoreConfiguration(settings: settings), logger: logger)
    }
}
