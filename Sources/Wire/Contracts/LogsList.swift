import Foundation

/// `logs.list`: the query log, newest first, filtered, one page at a time.
///
/// Params (all optional): `{"telegram_id":7,"knowledge_base_id":1,"answer_kind":"no_answer",
/// "since":"2025-01-01T00:00:00Z","until":"2025-02-01T00:00:00Z","limit":50,"cursor":"…"}`;
/// `since` is inclusive, `until` exclusive; `limit` is 1…200, default 50.
/// Result: `{"entries":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
public enum LogsList: WireMethod {
    public static let name = "logs.list"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64?
        public var knowledgeBaseID: Int64?
        public var answerKind: AnswerKind?
        public var since: Date?
        public var until: Date?
        public var limit: Int?
        public var cursor: String?

        public init(
            telegramID: Int64? = nil, knowledgeBaseID: Int64? = nil, answerKind: AnswerKind? = nil, since: Date? = nil, until: Date? = nil,
            limit: Int? = nil, cursor: String? = nil
        ) {
            self.telegramID = telegramID
            self.knowledgeBaseID = knowledgeBaseID
            self.answerKind = answerKind
            self.since = since
            self.until = until
            self.limit = limit
            self.cursor = cursor
        }

        enum CodingKeys: String, CodingKey {
            case since, until, limit, cursor
            case telegramID = "telegram_id"
            case knowledgeBaseID = "knowledge_base_id"
            case answerKind = "answer_kind"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            telegramID = try container.decodeIfPresent(Int64.self, forKey: .telegramID)
            knowledgeBaseID = try container.decodeIfPresent(Int64.self, forKey: .knowledgeBaseID)
            answerKind = try container.decodeIfPresent(AnswerKind.self, forKey: .answerKind)
            since = try container.decodeTimestampIfPresent(forKey: .since)
            until = try container.decodeTimestampIfPresent(forKey: .until)
            limit = try container.decodeIfPresent(Int.self, forKey: .limit)
            cursor = try container.decodeIfPresent(String.self, forKey: .cursor)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(telegramID, forKey: .telegramID)
            try container.encodeIfPresent(knowledgeBaseID, forKey: .knowledgeBaseID)
            try container.encodeIfPresent(answerKind, forKey: .answerKind)
            try container.encodeTimestampIfPresent(since, forKey: .since)
            try container.encodeTimestampIfPresent(until, forKey: .until)
            try container.encodeIfPresent(limit, forKey: .limit)
            try container.encodeIfPresent(cursor, forKey: .cursor)
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var entries: [QueryLogEntry]
        public var nextCursor: String?

        public init(entries: [QueryLogEntry], nextCursor: String?) {
            self.entries = entries
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case entries
            case nextCursor = "next_cursor"
        }
    }
}
