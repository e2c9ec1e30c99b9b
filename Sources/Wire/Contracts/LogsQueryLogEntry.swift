import Foundation

/// One answered question, as the query log keeps it.
///
/// JSON: `{"id":42,"at":"2025-01-01T10:00:00Z","telegram_id":7,"knowledge_base_ids":[1],
/// "question":"…","answer_kind":"extractive","source_document_ids":[7,9],"retrieve_ms":0.4,
/// "generate_ms":0.2,"correlation_id":"upd-1","helpful":true,"comment":"…"}`; `telegram_id`,
/// `helpful` and `comment` are absent when unknown.
public struct QueryLogEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Date
    public var telegramID: Int64?
    /// The knowledge bases searched.
    public var knowledgeBaseIDs: [Int64]
    public var question: String
    public var answerKind: AnswerKind
    /// The documents of the answer's sources, in source order.
    public var sourceDocumentIDs: [Int64]
    public var retrieveMs: Double
    public var generateMs: Double
    public var correlationID: String
    /// The asker's feedback, once given.
    public var helpful: Bool?
    public var comment: String?

    public init(
        id: Int64, at: Date, telegramID: Int64?, knowledgeBaseIDs: [Int64], question: String, answerKind: AnswerKind,
        sourceDocumentIDs: [Int64], retrieveMs: Double, generateMs: Double, correlationID: String, helpful: Bool?, comment: String?
    ) {
        self.id = id
        self.at = at
        self.telegramID = telegramID
        self.knowledgeBaseIDs = knowledgeBaseIDs
        self.question = question
        self.answerKind = answerKind
        self.sourceDocumentIDs = sourceDocumentIDs
        self.retrieveMs = retrieveMs
        self.generateMs = generateMs
        self.correlationID = correlationID
        self.helpful = helpful
        self.comment = comment
    }

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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        at = try container.decodeTimestamp(forKey: .at)
        telegramID = try container.decodeIfPresent(Int64.self, forKey: .telegramID)
        knowledgeBaseIDs = try container.decode([Int64].self, forKey: .knowledgeBaseIDs)
        question = try container.decode(String.self, forKey: .question)
        answerKind = try container.decode(AnswerKind.self, forKey: .answerKind)
        sourceDocumentIDs = try container.decode([Int64].self, forKey: .sourceDocumentIDs)
        retrieveMs = try container.decode(Double.self, forKey: .retrieveMs)
        generateMs = try container.decode(Double.self, forKey: .generateMs)
        correlationID = try container.decode(String.self, forKey: .correlationID)
        helpful = try container.decodeIfPresent(Bool.self, forKey: .helpful)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeTimestamp(at, forKey: .at)
        try container.encodeIfPresent(telegramID, forKey: .telegramID)
        try container.encode(knowledgeBaseIDs, forKey: .knowledgeBaseIDs)
        try container.encode(question, forKey: .question)
        try container.encode(answerKind, forKey: .answerKind)
        try container.encode(sourceDocumentIDs, forKey: .sourceDocumentIDs)
        try container.encode(retrieveMs, forKey: .retrieveMs)
        try container.encode(generateMs, forKey: .generateMs)
        try container.encode(correlationID, forKey: .correlationID)
        try container.encodeIfPresent(helpful, forKey: .helpful)
        try container.encodeIfPresent(comment, forKey: .comment)
    }
}
