import Foundation

/// One knowledge base: a named collection of documents searched together.
///
/// JSON: `{"id":1,"slug":"handbook","name":"Handbook","description":"Team handbook",
/// "language":"auto","created_by":"telegram:42","document_count":3,
/// "created_at":"2025-01-01T10:00:00Z","updated_at":"2025-01-01T10:00:00Z"}`.
public struct KnowledgeBase: Codable, Sendable, Equatable {
    public var id: Int64
    /// Unique, lowercase letters, digits and `-`; stable for links and configuration.
    public var slug: String
    public var name: String
    public var description: String
    public var language: KnowledgeBaseLanguage
    /// Who created it: `telegram:<id>`, `admin-token`, or a service name.
    public var createdBy: String
    /// How many documents it holds.
    public var documentCount: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, slug: String, name: String, description: String, language: KnowledgeBaseLanguage, createdBy: String,
        documentCount: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.language = language
        self.createdBy = createdBy
        self.documentCount = documentCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, slug, name, description, language
        case createdBy = "created_by"
        case documentCount = "document_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        slug = try container.decode(String.self, forKey: .slug)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decode(String.self, forKey: .description)
        language = try container.decode(KnowledgeBaseLanguage.self, forKey: .language)
        createdBy = try container.decode(String.self, forKey: .createdBy)
        documentCount = try container.decode(Int.self, forKey: .documentCount)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        updatedAt = try container.decodeTimestamp(forKey: .updatedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(slug, forKey: .slug)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(language, forKey: .language)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(documentCount, forKey: .documentCount)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}
