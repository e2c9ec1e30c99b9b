import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the services of the `rag-core` process; its `main` and the tests both call this.
///
/// Opens (and migrates) `kb.sqlite` and the search index beside it, replays changes the
/// index missed, and serves the `kb.*`, `docs.*`, `rag.*` and `logs.*` methods on `rag.sock`.
public func buildRAGCore(configuration: RAGCoreConfiguration, logger: Logger) async throws -> [any Service] {
    try configuration.layout.createDirectories()
    let store = try await KnowledgeStore.open(
        databasePath: configuration.databasePath, indexDirectory: configuration.indexDirectory,
        indexCommitFault: configuration.faultKillAfterSQLiteCommit.map(IndexCommitFault.init(killAfterCommit:)))
    if let commit = configuration.faultKillAfterSQLiteCommit {
        logger.warning("test fault armed: the process kills itself after a SQLite commit", metadata: ["commit": "\(commit)"])
    }
    let engine = QueryEngine(
        store: store, answerer: ExtractiveAnswerer(maximumCharacters: configuration.answerMaxCharacters),
        llm: configuration.llm.map { LLMAnswerer(client: ChatCompletionsClient(settings: $0)) })
    logger.info(
        "knowledge database ready",
        metadata: [
            "path": "\(configuration.databasePath)",
            "index": "\(configuration.indexDirectory)",
            "applied_sequence": "\(store.synchronizer.appliedSequence)",
            "llm": "\(configuration.llm.map { "\($0.model) at \($0.baseURL)" } ?? "none")",
        ]
    )
    if let folder = configuration.demoDocumentsFolder {
        do {
            try await DemoKnowledgeBase.loadIfEmpty(into: store, from: folder, logger: logger)
        } catch {
            // A missing demo is no reason not to serve.
            logger.warning("demo knowledge base not loaded", metadata: ["folder": "\(folder)", "error": "\(error)"])
        }
    }
    var handlers = WireHandlerTable()
    store.registerHandlers(in: &handlers)
    engine.registerHandlers(in: &handlers)
    let server = WireServer(
        configuration: .init(
            socketPath: configuration.layout.ragSocket,
            serviceName: "rag-core",
            maxFrameLength: configuration.wire.maxFrameLength
        ),
        handlers: handlers,
        logger: logger
    )
    // Services stop in reverse order: the server finishes the questions in flight, then the
    // query log writes what they logged.
    return [store.queryLog, server]
}
