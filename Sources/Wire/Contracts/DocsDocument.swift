import Foundation

/// One document of a knowledge base, as RAGCore keeps it (its text lives in its chunks).
///
/// JSON: `{"id":7,"knowledge_base_id":1,"title":"Install","source_uri":"docs/install.md",
/// "deep_link":"https://git.example/blob/abc/docs/install.md","content_hash":"sha256:…",
/// "size":5120,"mime":"text/markdown","ingestion_job_id":12,"chunk_count":6,
/// "created_at":"2025-01-01T10:00:00Z","updated_at":"2025-01-01T10:00:00Z"}`; fields
/// without a value are left out.
public struct KnowledgeDocument: Codable, Sendable, Equatable {
    public var id: Int64
    public var knowledgeBaseID: Int64
    public var title: String
    /// Where the document came from: a file name, URL, `git:repo@commit:path`, wiki page.
    /// Unique within the knowledge base.
    public var sourceURI: String
    /// A link a person can click to read the source, when there is one.
    public var deepLink: String?
    /// The hash of the source content; the same hash again is not re-indexed.
    public var contentHash: String
    /// The source's size in bytes.
    public var size: Int64
    public var mime: String?
    public var ingestionJobID: Int64?
    public var chunkCount: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, knowledgeBaseID: Int64, title: String, sourceURI: String, deepLink: String?, contentHash: String, size: Int64,
        mime: String?, ingestionJobID: Int64?, chunkCount: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.knowledgeBaseID = knowledgeBaseID
        self.title = title
        self.sourceURI = sourceURI
        self.deepLink = deepLink
        self.contentHash = contentHash
        self.size = size
        self.mime = mime
        self.ingestionJobID = ingestionJobID
        self.chunkCount = chunkCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, title, size, mime
        case knowledgeBaseID = "knowledge_base_id"
        case sourceURI = "source_uri"
        case deepLink = "deep_link"
        case contentHash = "content_hash"
        case ingestionJobID = "ingestion_job_id"
        case chunkCount = "chunk_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        knowledgeBaseID = try container.decode(Int64.self, forKey: .knowledgeBaseID)
        title = try container.decode(String.self, forKey: .title)
        sourceURI = try container.decode(String.self, forKey: .sourceURI)
        deepLink = try container.decodeIfPresent(String.self, forKey: .deepLink)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        size = try container.decode(Int64.self, forKey: .size)
        mime = try container.decodeIfPresent(String.self, forKey: .mime)
        ingestionJobID = try container.decodeIfPresent(Int64.self, forKey: .ingestionJobID)
        chunkCount = try container.decode(Int.self, forKey: .chunkCount)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        updatedAt = try container.decodeTimestamp(forKey: .updatedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(knowledgeBaseID, forKey: .knowledgeBaseID)
        try container.encode(title, forKey: .title)
        try container.encode(sourceURI, forKey: .sourceURI)
        try container.encodeIfPresent(deepLink, forKey: .deepLink)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(size, forKey: .size)
        try container.encodeIfPresent(mime, forKey: .mime)
        try container.encodeIfPresent(ingestionJobID, forKey: .ingestionJobID)
        try container.encode(chunkCount, forKey: .chunkCount)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}
