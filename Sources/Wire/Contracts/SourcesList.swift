import Foundation

/// `sources.list`: the documents (sources) of the knowledge bases a caller may read, across
/// knowledge bases, in document id order, one page at a time.
///
/// What `docs.list` is for one knowledge base, this is for the whole library: a member
/// browsing what the bot knows, or a bot command listing "what can I ask about".
///
/// Params (all optional): `{"knowledge_base_ids":[1,2],"query":"install","limit":50,"cursor":"…"}`.
/// `knowledge_base_ids` absent means every knowledge base (the same reading rule as
/// `rag.query`); `query` keeps the documents whose title or source URI contains it, ignoring
/// case (1…200 characters; blank means no filter); `limit` is 1…200, default 50. A cursor
/// continues the listing it came from: send the same filters with it.
/// Result: `{"sources":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
/// Errors: `not_found` for an unknown knowledge base; `bad_request` for a foreign cursor, a
/// `limit` out of range or an overlong `query`.
public enum SourcesList: WireMethod {
    public static let name = "sources.list"
    public static let isIdempotent = true

    /// The longest `query` accepted, in characters.
    public static let maximumQueryLength = 200

    public struct Params: Codable, Sendable, Equatable {
        public var knowledgeBaseIDs: [Int64]?
        /// A substring of the title or source URI, matched ignoring case.
        public var query: String?
        public var limit: Int?
        public var cursor: String?

        public init(knowledgeBaseIDs: [Int64]? = nil, query: String? = nil, limit: Int? = nil, cursor: String? = nil) {
            self.knowledgeBaseIDs = knowledgeBaseIDs
            self.query = query
            self.limit = limit
            self.cursor = cursor
        }

        enum CodingKeys: String, CodingKey {
            case query, limit, cursor
            case knowledgeBaseIDs = "knowledge_base_ids"
        }
    }

    /// One source: a document, with the knowledge base it belongs to named.
    ///
    /// JSON: `{"document_id":7,"knowledge_base_id":1,"knowledge_base_slug":"handbook",
    /// "knowledge_base_name":"Handbook","title":"Install","source_uri":"docs/install.md",
    /// "deep_link":"https://…","mime":"text/markdown","size":5120,"chunk_count":6,
    /// "ingestion_job_id":12,"updated_at":"2025-01-01T10:00:00Z"}`; fields without a value are
    /// left out.
    public struct Source: Codable, Sendable, Equatable {
        public var documentID: Int64
        public var knowledgeBaseID: Int64
        public var knowledgeBaseSlug: String
        public var knowledgeBaseName: String
        public var title: String
        /// Where the document came from: a file name, URL, `git:repo@commit:path`, wiki page.
        public var sourceURI: String
        /// A link a person can click to read the source, when there is one.
        public var deepLink: String?
        public var mime: String?
        /// The source's size in bytes.
        public var size: Int64
        public var chunkCount: Int
        /// The ingestion job that stored this version, when it came through IngestService.
        public var ingestionJobID: Int64?
        public var updatedAt: Date

        public init(
            documentID: Int64, knowledgeBaseID: Int64, knowledgeBaseSlug: String, knowledgeBaseName: String, title: String,
            sourceURI: String, deepLink: String?, mime: String?, size: Int64, chunkCount: Int, ingestionJobID: Int64?,
            updatedAt: Date
        ) {
            self.documentID = documentID
            self.knowledgeBaseID = knowledgeBaseID
            self.knowledgeBaseSlug = knowledgeBaseSlug
            self.knowledgeBaseName = knowledgeBaseName
            self.title = title
            self.sourceURI = sourceURI
            self.deepLink = deepLink
            self.mime = mime
            self.size = size
            self.chunkCount = chunkCount
            self.ingestionJobID = ingestionJobID
            self.updatedAt = updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case title, mime, size
            case documentID = "document_id"
            case knowledgeBaseID = "knowledge_base_id"
            case knowledgeBaseSlug = "knowledge_base_slug"
            case knowledgeBaseName = "knowledge_base_name"
            case sourceURI = "source_uri"
            case deepLink = "deep_link"
            case chunkCount = "chunk_count"
            case ingestionJobID = "ingestion_job_id"
            case updatedAt = "updated_at"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            documentID = try container.decode(Int64.self, forKey: .documentID)
            knowledgeBaseID = try container.decode(Int64.self, forKey: .knowledgeBaseID)
            knowledgeBaseSlug = try container.decode(String.self, forKey: .knowledgeBaseSlug)
            knowledgeBaseName = try container.decode(String.self, forKey: .knowledgeBaseName)
            title = try container.decode(String.self, forKey: .title)
            sourceURI = try container.decode(String.self, forKey: .sourceURI)
            deepLink = try container.decodeIfPresent(String.self, forKey: .deepLink)
            mime = try container.decodeIfPresent(String.self, forKey: .mime)
            size = try container.decode(Int64.self, forKey: .size)
            chunkCount = try container.decode(Int.self, forKey: .chunkCount)
            ingestionJobID = try container.decodeIfPresent(Int64.self, forKey: .ingestionJobID)
            updatedAt = try container.decodeTimestamp(forKey: .updatedAt)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(documentID, forKey: .documentID)
            try container.encode(knowledgeBaseID, forKey: .knowledgeBaseID)
            try container.encode(knowledgeBaseSlug, forKey: .knowledgeBaseSlug)
            try container.encode(knowledgeBaseName, forKey: .knowledgeBaseName)
            try container.encode(title, forKey: .title)
            try container.encode(sourceURI, forKey: .sourceURI)
            try container.encodeIfPresent(deepLink, forKey: .deepLink)
            try container.encodeIfPresent(mime, forKey: .mime)
            try container.encode(size, forKey: .size)
            try container.encode(chunkCount, forKey: .chunkCount)
            try container.encodeIfPresent(ingestionJobID, forKey: .ingestionJobID)
            try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var sources: [Source]
        /// Where the next page starts; absent when this page is the last.
        public var nextCursor: String?

        public init(sources: [Source], nextCursor: String?) {
            self.sources = sources
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case sources
            case nextCursor = "next_cursor"
        }
    }
}
