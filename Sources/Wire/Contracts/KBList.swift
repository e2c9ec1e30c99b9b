/// `kb.list`: knowledge bases in id order, one page at a time.
///
/// Params (all optional): `{"limit":50,"cursor":"…"}`; `limit` is 1…200, default 50.
/// Result: `{"knowledge_bases":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
public enum KBList: WireMethod {
    public static let name = "kb.list"
    public static let isIdempotent = true
    /// Page sizes rag-core accepts.
    public static let limitRange = 1...200

    public struct Params: Codable, Sendable, Equatable {
        public var limit: Int?
        public var cursor: String?

        public init(limit: Int? = nil, cursor: String? = nil) {
            self.limit = limit
            self.cursor = cursor
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var knowledgeBases: [KnowledgeBase]
        /// Where the next page starts; absent when this page is the last.
        public var nextCursor: String?

        public init(knowledgeBases: [KnowledgeBase], nextCursor: String?) {
            self.knowledgeBases = knowledgeBases
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case knowledgeBases = "knowledge_bases"
            case nextCursor = "next_cursor"
        }
    }
}
