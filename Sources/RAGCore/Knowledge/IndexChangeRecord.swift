import GRDB

/// A row of the `index_change` table: something the search index must catch up with,
/// appended in the same transaction as the write it describes.
///
/// A change names what to re-read, not what to do: applying a `document` change makes
/// the index hold exactly that document's current chunks (none if it is gone), so
/// applying a change twice, or late, is harmless.
struct IndexChangeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "index_change"

    enum Kind: String, Codable, Sendable {
        /// Re-index the document `target_id` from its current rows.
        case document
        /// The knowledge base `target_id` is gone; drop all its chunks.
        case knowledgeBase = "knowledge_base"
    }

    var sequence: Int64?
    var kind: Kind
    var targetID: Int64

    enum CodingKeys: String, CodingKey {
        case sequence, kind
        case targetID = "target_id"
    }

    enum Columns {
        static let sequence = Column(CodingKeys.sequence)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }

    /// Appends a change inside the caller's transaction.
    static func append(_ kind: Kind, _ targetID: Int64, _ db: Database) throws {
        var change = IndexChangeRecord(sequence: nil, kind: kind, targetID: targetID)
        try change.insert(db)
    }
}
