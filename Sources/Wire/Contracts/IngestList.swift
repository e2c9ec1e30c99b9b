/// `ingest.list`: tasks, newest first, filtered, one page at a time.
///
/// Params (all optional): `{"knowledge_base_id":1,"state":"running","submitted_by":42,"limit":50,"cursor":"…"}`;
/// `limit` is 1…200, default 50; pass the previous page's `next_cursor` as `cursor`.
/// Result: `{"tasks":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
/// Errors: `bad_request` for a bad limit or a foreign cursor.
public enum IngestList: WireMethod {
    public static let name = "ingest.list"
    public static let isIdempotent = true

    public static let defaultLimit = 50
    public static let limitRange = 1...200

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64?
        public var state: IngestTaskState?
        public var submittedBy: Int64?
        public var limit: Int?
        public var cursor: String?

        public init(
            knowledgeBaseID: Int64? = nil, state: IngestTaskState? = nil, submittedBy: Int64? = nil, limit: Int? = nil,
            cursor: String? = nil
        ) {
            self.knowledgeBaseID = knowledgeBaseID
            self.state = state
            self.submittedBy = submittedBy
            self.limit = limit
            self.cursor = cursor
        }

        enum CodingKeys: String, CodingKey {
            case state, limit, cursor
            case knowledgeBaseID = "knowledge_base_id"
            case submittedBy = "submitted_by"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var tasks: [IngestTask]
        public var nextCursor: String?

        public init(tasks: [IngestTask], nextCursor: String?) {
            self.tasks = tasks
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case tasks
            case nextCursor = "next_cursor"
        }
    }
}
