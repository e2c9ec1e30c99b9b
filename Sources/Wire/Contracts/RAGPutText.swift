/// `rag.put_text`: adds or replaces a document given as plain text or Markdown; rag-core cuts
/// it into paragraph chunks under its headings, hashes it, and stores it as `rag.put_document` does.
/// Params: `{"knowledge_base_id":1,"source_uri":"notes/vpn.md","title":"VPN","text":"# VPN\n\n…",
/// "deep_link":"https://…","mime":"text/markdown"}`.
/// Result: as `rag.put_document`: `{"document":{…},"status":"created"}`.
public enum RAGPutText: WireMethod {
    public static let name = "rag.put_text"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseID: Int64
        public var sourceURI: String
        public var title: String
        public var text: String
        public var deepLink: String?
        public var mime: String?

        public init(knowledgeBaseID: Int64, sourceURI: String, title: String, text: String, deepLink: String? = nil, mime: String? = nil) {
            self.knowledgeBaseID = knowledgeBaseID
            self.sourceURI = sourceURI
            self.title = title
            self.text = text
            self.deepLink = deepLink
            self.mime = mime
        }

        enum CodingKeys: String, CodingKey {
            case title, text, mime
            case knowledgeBaseID = "knowledge_base_id"
            case sourceURI = "source_uri"
            case deepLink = "deep_link"
        }
    }

    public typealias Result = RAGPutDocument.Result
}
