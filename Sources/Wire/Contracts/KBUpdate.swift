/// `kb.update`: renames a knowledge base, or changes its slug, description or language.
///
/// Fields left out stay as they are. A new language re-analyses every chunk of the
/// knowledge base in the index.
/// Params: `{"id":1,"name":"Handbook","slug":"handbook","description":"…","language":"ru"}`.
/// Result: `{"knowledge_base":{…},"changed":["name"]}`.
/// Errors: `not_found`; `bad_request` with `details.field`; `conflict` when the slug is taken.
public enum KBUpdate: WireMethod {
    public static let name = "kb.update"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64
        public var slug: String?
        public var name: String?
        public var description: String?
        public var language: KnowledgeBaseLanguage?

        public init(id: Int64, slug: String? = nil, name: String? = nil, description: String? = nil, language: KnowledgeBaseLanguage? = nil) {
            self.id = id
            self.slug = slug
            self.name = name
            self.description = description
            self.language = language
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var knowledgeBase: KnowledgeBase
        /// The fields this call changed, by their JSON names; empty when nothing changed.
        public var changed: [String]

        public init(knowledgeBase: KnowledgeBase, changed: [String]) {
            self.knowledgeBase = knowledgeBase
            self.changed = changed
        }

        enum CodingKeys: String, CodingKey {
            case changed
            case knowledgeBase = "knowledge_base"
        }
    }
}
