import Foundation
import GRDB
import Logging

/// `rag-core reindex`: rebuilds the search index from `kb.sqlite`, for a lost or damaged
/// index or a change of analysis. Run it while `rag-core` is stopped: a running process
/// holds the index's write lock, and then this fails without touching anything.
///
/// - Returns: how many chunks the new index holds.
public func reindexRAGCore(configuration: RAGCoreConfiguration, logger: Logger) async throws -> Int {
    let database = try KnowledgeDatabase.open(path: configuration.databasePath)
    if FileManager.default.fileExists(atPath: configuration.indexDirectory) {
        // Taking the write lock proves no rag-core is using the index; then it goes.
        _ = try SearchIndex(directory: configuration.indexDirectory)
        try FileManager.default.removeItem(atPath: configuration.indexDirectory)
    }
    let index = try SearchIndex(directory: configuration.indexDirectory)
    // Every document becomes a pending change of the empty index.
    let documents = try await database.write { db in
        try IndexChangeRecord.deleteAll(db)
        let ids = try Int64.fetchAll(db, DocumentRecord.select(DocumentRecord.Columns.id).order(DocumentRecord.Columns.id))
        for id in ids {
            try IndexChangeRecord.append(.document, id, db)
        }
        return ids.count
    }
    let store = try KnowledgeStore(database: database, index: index)
    try await store.catchUpIndex()
    let chunks = try index.documentCount()
    logger.info("index rebuilt", metadata: ["documents": "\(documents)", "chunks": "\(chunks)", "index": "\(configuration.indexDirectory)"])
    return chunks
}
