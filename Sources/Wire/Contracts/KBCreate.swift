/// `kb.create`: a new, empty knowledge base.
///
/// Params: `{"slug":"handbook","name":"Handbook","description":"…","language":"auto","actor":"admin-token"}`;
/// `description` defaults to empty, `language` to `auto`. `created_by` is `actor` when
/// given, else `telegram:<ctx.telegram_id>`, else `system`.
/// Result: `{"knowledge_base":{…}}`.
/// Errors: `bad_request` (with `details.field`) for an empty name or a bad slug; `conflict`
/// when the slug is taken.
public enum KBCreate: WireMethod {
    public static let name = "kb.create"

    public struct Params: Codable, Sendable, Equatable {
        public var slug: String
        public var name: String
        public var description: String?
        public var language: KnowledgeBaseLanguage?
        public var actor: String?

        public init(slug: String, name: String, description: String? = nil, language: KnowledgeBaseLanguage? = nil, actor: String? = nil) {
            self.slug = slug
            self.name = name
            self.description = description
            self.language = language
            self.actor = actor
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var knowledgeBase: KnowledgeBase

        public init(knowledgeBase: KnowledgeBase) {
            self.knowledgeBase = knowledgeBase
        }

        enum CodingKeys: String, CodingKey {
            case knowledgeBase = "knowledge_base"
        }
    }
}
