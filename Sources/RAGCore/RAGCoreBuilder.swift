import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the services of the `rag-core` process; its `main` and the tests both call this.
public func buildRAGCore(configuration: RAGCoreConfiguration, logger: Logger) async throws -> [any Service] {
    try configuration.layout.createDirectories()
    let handlers = WireHandlerTable()
    let server = WireServer(
        configuration: .init(
            socketPath: configuration.layout.ragSocket,
            serviceName: "rag-core",
            maxFrameLength: configuration.wire.maxFrameLength
        ),
        handlers: handlers,
        logger: logger
    )
    return [server]
}
