import Foundation
import GRDB
import Wire

/// A row of the `query_log` table: one answered question.
struct QueryLogRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "query_log"

    var id: Int64?
    var at: Date
    var telegramID: Int64?
    /// Comma-separated ids.
    var knowledgeBaseIDs: String
    var question: String
    var answerKind: AnswerKind
    /// Comma-separated ids, in source order.
    var sourceDocumentIDs: String
    var retrieveMs: Double
    var generateMs: Double
    var correlationID: String
    var helpful: Bool?
    var comment: String?

    enum CodingKeys: String, CodingKey {
        case id, at, question, helpful, comment
        case telegramID = "telegram_id"
        case knowledgeBaseIDs = "knowledge_base_ids"
        case answerKind = "answer_kind"
        case sourceDocumentIDs = "source_document_ids"
        case retrieveMs = "retrieve_ms"
        case generateMs = "generate_ms"
        case correlationID = "correlation_id"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let telegramID = Column(CodingKeys.telegramID)
        static let knowledgeBaseIDs = Column(CodingKeys.knowledgeBaseIDs)
        static let answerKind = Column(CodingKeys.answerKind)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static func joined(_ ids: [Int64]) -> String {
        ids.map(String.init).joined(separator: ",")
    }

    static func split(_ text: String) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0) }
    }

    /// The entry as the Wire contracts show it.
    var entry: QueryLogEntry {
        QueryLogEntry(
            id: id ?? 0, at: at, telegramID: telegramID, knowledgeBaseIDs: Self.split(knowledgeBaseIDs), question: question,
            answerKind: answerKind, sourceDocumentIDs: Self.split(sourceDocumentIDs), retrieveMs: retrieveMs,
            generateMs: generateMs, correlationID: correlationID, helpful: helpful, comment: comment)
    }
}
