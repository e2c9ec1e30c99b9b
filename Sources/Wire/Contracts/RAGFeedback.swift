/// `rag.feedback`: the asker's verdict on an answer, tied to its query-log entry.
///
/// Giving feedback again replaces the earlier verdict. When both the entry and `ctx` carry
/// a Telegram id they must match: people rate their own answers.
/// Params: `{"log_id":42,"helpful":false,"comment":"outdated"}`.
/// Result: `{"entry":{…}}`, the log entry with the feedback.
/// Errors: `not_found` for an unknown entry; `forbidden` for someone else's answer.
public enum RAGFeedback: WireMethod {
    public static let name = "rag.feedback"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var logID: Int64
        public var helpful: Bool
        public var comment: String?

        public init(logID: Int64, helpful: Bool, comment: String? = nil) {
            self.logID = logID
            self.helpful = helpful
            self.comment = comment
        }

        enum CodingKeys: String, CodingKey {
            case helpful, comment
            case logID = "log_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var entry: QueryLogEntry

        public init(entry: QueryLogEntry) {
            self.entry = entry
        }
    }
}
