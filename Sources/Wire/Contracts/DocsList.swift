/// `docs.list`: the documents of one knowledge base in id order, one page at a time.
///
/// Params: `{"knowledge_base_id":1,"limit":50,"cursor":"…"}`; `limit` is 1…200, default 50.
/// Result: `{"documents":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
/// Errors: `not_found` for an unknown knowledge base; `bad_request` for a foreign cursor.
public enum DocsList: WireMethod {
    public static let name = "docs.list"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64
        public var limit: Int?
        public var cursor: String?

        public init(knowledgeBaseID: Int64, limit: Int? = nil, cursor: String? = nil) {
            self.knowledgeBaseID = knowledgeBaseID
            self.limit = limit
            self.cursor = cursor
        }

        enum CodingKeys: String, CodingKey {
            case limit, cursor
            case knowledgeBaseID = "knowledge_base_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var documents: [KnowledgeDocument]
        public var nextCursor: String?

        public init(documents: [KnowledgeDocument], nextCursor: String?) {
            self.documents = documents
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case documents
            case nextCursor = "next_cursor"
        }
    }
}
