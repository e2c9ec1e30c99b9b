import GRDB
import Synchronization

/// Keeps the search index in step with `kb.sqlite`.
///
/// Every write to chunks appends `index_change` rows in its own SQLite transaction. After
/// the transaction, ``catchUp()`` applies every change after the index's applied sequence
/// and commits the index with the last one, in one Xapian commit. A crash between the two
/// commits leaves changes unapplied, and the next ``catchUp()`` (on start, or after the
/// next write) applies them. Changes name what to re-read, so applying one twice is harmless.
final class IndexSynchronizer: Sendable {
    let database: DatabasePool
    let index: SearchIndex
    /// The last sequence committed to the index. The lock also makes catch-ups run one at
    /// a time, so changes are applied in order.
    private let applied: Mutex<Int64>

    /// Changes read and applied per index commit during a long replay.
    static let batchSize = 2_000

    init(database: DatabasePool, index: SearchIndex) throws(SearchIndex.Error) {
        self.database = database
        self.index = index
        applied = Mutex(try index.appliedSequence())
    }

    /// The last sequence committed to the index.
    var appliedSequence: Int64 { applied.withLock { $0 } }

    /// Applies all pending changes; returns how many there were.
    @discardableResult
    func catchUp() throws -> Int {
        try applied.withLock { applied in
            var total = 0
            while true {
                let batch = try database.read { db in try PendingChanges(after: applied, limit: Self.batchSize, db) }
                guard let last = batch.lastSequence else { return total }
                for id in batch.deletedKnowledgeBases {
                    try index.deleteKnowledgeBase(id: id)
                }
                for document in batch.documents {
                    try index.deleteDocument(id: document.id)
                    if !document.chunks.isEmpty {
                        try index.upsert(chunks: document.chunks)
                    }
                }
                try index.commit(appliedSequence: last)
                applied = last
                total += batch.count
            }
        }
    }

    /// Deletes change rows the index has committed; they are never needed again.
    func pruneApplied() async throws {
        let applied = appliedSequence
        _ = try await database.write { db in
            try IndexChangeRecord.filter(IndexChangeRecord.Columns.sequence <= applied).deleteAll(db)
        }
    }
}

/// A batch of changes with what the index needs to apply them, read in one transaction.
private struct PendingChanges {
    struct Document {
        var id: Int64
        /// The document's current chunks; empty when the document is gone.
        var chunks: [IndexedChunk]
    }

    var count = 0
    var lastSequence: Int64?
    var deletedKnowledgeBases: [Int64] = []
    var documents: [Document] = []

    init(after sequence: Int64, limit: Int, _ db: Database) throws {
        let changes = try IndexChangeRecord
            .filter(IndexChangeRecord.Columns.sequence > sequence)
            .order(IndexChangeRecord.Columns.sequence)
            .limit(limit)
            .fetchAll(db)
        count = changes.count
        lastSequence = changes.last?.sequence
        var seen = Set<Int64>()
        for change in changes {
            switch change.kind {
            case .knowledgeBase:
                deletedKnowledgeBases.append(change.targetID)
            case .document:
                guard seen.insert(change.targetID).inserted else { continue }
                documents.append(Document(id: change.targetID, chunks: try Self.chunks(ofDocument: change.targetID, db)))
            }
        }
    }

    private static func chunks(ofDocument id: Int64, _ db: Database) throws -> [IndexedChunk] {
        guard let document = try DocumentRecord.fetchOne(db, key: id),
            let knowledgeBase = try KnowledgeBaseRecord.fetchOne(db, key: document.knowledgeBaseID)
        else { return [] }
        let language = knowledgeBase.language.analyzerLanguage
        return try ChunkRecord.filter(ChunkRecord.Columns.documentID == id).order(ChunkRecord.Columns.ordinal).fetchAll(db).map { chunk in
            IndexedChunk(
                chunkID: chunk.id ?? 0, knowledgeBaseID: document.knowledgeBaseID, documentID: id, title: document.title,
                headingPath: chunk.headings, text: chunk.text, language: language)
        }
    }
}
