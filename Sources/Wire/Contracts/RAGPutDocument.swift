/// `rag.put_document`: adds a document to a knowledge base or replaces it, keyed by
/// `(knowledge_base_id, source_uri)`.
///
/// The document's chunks are replaced atomically, together with the index. Sending the
/// same `content_hash` again changes nothing (status `unchanged`), so a re-ingestion of
/// an unchanged source costs one read.
/// Params: `{"knowledge_base_id":1,"source_uri":"docs/install.md","title":"Install",
/// "deep_link":"https://…","mime":"text/markdown","content_hash":"sha256:…","size":5120,
/// "ingestion_job_id":12,"chunks":[{"heading_path":["Install"],"text":"…","char_start":0,"char_end":800}]}`.
/// Result: `{"document":{…},"status":"created"}`, status `created`, `updated` or `unchanged`.
/// Errors: `not_found` for an unknown knowledge base; `bad_request` with `details.field`.
public enum RAGPutDocument: WireMethod {
    public static let name = "rag.put_document"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64
        public var sourceURI: String
        public var title: String
        public var deepLink: String?
        public var mime: String?
        public var contentHash: String
        /// The source's size in bytes; the chunks' text length when absent.
        public var size: Int64?
        public var ingestionJobID: Int64?
        public var chunks: [DocumentChunk]

        public init(
            knowledgeBaseID: Int64, sourceURI: String, title: String, deepLink: String? = nil, mime: String? = nil, contentHash: String,
            size: Int64? = nil, ingestionJobID: Int64? = nil, chunks: [DocumentChunk]
        ) {
            self.knowledgeBaseID = knowledgeBaseID
            self.sourceURI = sourceURI
            self.title = title
            self.deepLink = deepLink
            self.mime = mime
            self.contentHash = contentHash
            self.size = size
            self.ingestionJobID = ingestionJobID
            self.chunks = chunks
        }

        enum CodingKeys: String, CodingKey {
            case title, mime, size, chunks
            case knowledgeBaseID = "knowledge_base_id"
            case sourceURI = "source_uri"
            case deepLink = "deep_link"
            case contentHash = "content_hash"
            case ingestionJobID = "ingestion_job_id"
        }
    }

    /// What the call did to the document.
    public enum Status: String, Codable, Sendable {
        case created, updated, unchanged
    }

    public struct Result: Codable, Sendable, Equatable {
        public var document: KnowledgeDocument
        public var status: Status

        public init(document: KnowledgeDocument, status: Status) {
            self.document = document
            self.status = status
        }
    }
}
