import Foundation
import GRDB
import Wire

/// A row of the `knowledge_base` table.
struct KnowledgeBaseRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "knowledge_base"

    var id: Int64?
    var slug: String
    var name: String
    var description: String
    var language: KnowledgeBaseLanguage
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, slug, name, description, language
        case createdBy = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let slug = Column(CodingKeys.slug)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The knowledge base as the Wire contracts show it.
    func knowledgeBase(documentCount: Int) -> KnowledgeBase {
        KnowledgeBase(
            id: id ?? 0, slug: slug, name: name, description: description, language: language, createdBy: createdBy,
            documentCount: documentCount, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The knowledge base with its document count, read in `db`.
    func knowledgeBase(_ db: Database) throws -> KnowledgeBase {
        let count = try DocumentRecord.filter(DocumentRecord.Columns.knowledgeBaseID == id).fetchCount(db)
        return knowledgeBase(documentCount: count)
    }
}

extension KnowledgeBaseLanguage {
    /// The analysis the index applies to this knowledge base's text.
    var analyzerLanguage: TextAnalyzer.Language {
        switch self {
        case .ru: .russian
        case .en: .english
        case .auto: .automatic
        }
    }
}
