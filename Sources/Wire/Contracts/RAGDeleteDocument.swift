/// `rag.delete_document`: deletes one document, its chunks and their index entries.
///
/// Params: `{"knowledge_base_id":1,"document_id":7}` or `{"knowledge_base_id":1,"source_uri":"docs/install.md"}`.
/// Result: `{"document":{…}}` as it was before deletion.
/// Errors: `not_found` when the knowledge base holds no such document; `bad_request`
/// when neither `document_id` nor `source_uri` is given.
public enum RAGDeleteDocument: WireMethod {
    public static let name = "rag.delete_document"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64
        public var documentID: Int64?
        public var sourceURI: String?

        public init(knowledgeBaseID: Int64, documentID: Int64? = nil, sourceURI: String? = nil) {
            self.knowledgeBaseID = knowledgeBaseID
            self.documentID = documentID
            self.sourceURI = sourceURI
        }

        enum CodingKeys: String, CodingKey {
            case knowledgeBaseID = "knowledge_base_id"
            case documentID = "document_id"
            case sourceURI = "source_uri"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var document: KnowledgeDocument

        public init(document: KnowledgeDocument) {
            self.document = document
        }
    }
}
