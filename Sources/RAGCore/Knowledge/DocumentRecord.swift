import Foundation
import GRDB
import Wire

/// A row of the `document` table.
struct DocumentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "document"

    var id: Int64?
    var knowledgeBaseID: Int64
    var title: String
    var sourceURI: String
    var deepLink: String?
    var contentHash: String
    var size: Int64
    var mime: String?
    var ingestionJobID: Int64?
    var chunkCount: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, size, mime
        case knowledgeBaseID = "knowledge_base_id"
        case sourceURI = "source_uri"
        case deepLink = "deep_link"
        case contentHash = "content_hash"
        case ingestionJobID = "ingestion_job_id"
        case chunkCount = "chunk_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let knowledgeBaseID = Column(CodingKeys.knowledgeBaseID)
        static let sourceURI = Column(CodingKeys.sourceURI)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The document as the Wire contracts show it.
    var document: KnowledgeDocument {
        KnowledgeDocument(
            id: id ?? 0, knowledgeBaseID: knowledgeBaseID, title: title, sourceURI: sourceURI, deepLink: deepLink,
            contentHash: contentHash, size: size, mime: mime, ingestionJobID: ingestionJobID, chunkCount: chunkCount,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
