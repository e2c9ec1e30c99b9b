/// The gateway's JSON answers, as far as the bot reads them. Unknown fields are ignored, so
/// the gateway can grow without breaking the bot.
public struct GatewayUser: Codable, Sendable, Equatable {
    public var telegramID: Int64
    public var username: String?
    public var firstName: String?
    public var languageCode: String?
    public var role: String
    public var status: String
    public var preferredKnowledgeBaseID: Int64?

    enum CodingKeys: String, CodingKey {
        case username, role, status
        case telegramID = "telegram_id"
        case firstName = "first_name"
        case languageCode = "language_code"
        case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
    }

    /// Admins and editors may add documents and knowledge bases.
    var isEditor: Bool { role == "admin" || role == "editor" }
    var isAdmin: Bool { role == "admin" }
    /// A display name for lists: @username, else the first name, else the id.
    var displayName: String { username.map { "@\($0)" } ?? firstName ?? String(telegramID) }
}

/// `{"user": …}` answers; registration adds `created`.
struct UserEnvelope: Decodable, Sendable {
    var user: GatewayUser?
    var created: Bool?
}

/// `GET /users`: one page.
struct UserPage: Decodable, Sendable {
    var users: [GatewayUser]
    var nextCursor: String?
    enum CodingKeys: String, CodingKey {
        case users
        case nextCursor = "next_cursor"
    }
}

public struct KnowledgeBase: Codable, Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var name: String
    public var documentCount: Int?
    enum CodingKeys: String, CodingKey {
        case id, slug, name
        case documentCount = "document_count"
    }
}

struct KnowledgeBasePage: Decodable, Sendable {
    var knowledgeBases: [KnowledgeBase]
    enum CodingKeys: String, CodingKey { case knowledgeBases = "knowledge_bases" }
}

struct KnowledgeBaseEnvelope: Decodable, Sendable {
    var knowledgeBase: KnowledgeBase
    enum CodingKeys: String, CodingKey { case knowledgeBase = "knowledge_base" }
}

/// `GET /stats`: exact counts for `/stats`. A role or status the answer leaves out counts as 0.
struct GatewayStats: Decodable, Sendable {
    struct Users: Decodable, Sendable {
        var total: Int
        var byRole: [String: Int]
        var byStatus: [String: Int]
        var activeLast24h: Int
        var activeLast7d: Int
        enum CodingKeys: String, CodingKey {
            case total
            case byRole = "by_role"
            case byStatus = "by_status"
            case activeLast24h = "active_last_24h"
            case activeLast7d = "active_last_7d"
        }
    }

    struct KnowledgeBases: Decodable, Sendable {
        var total: Int
        var documents: Int
    }

    var users: Users
    var knowledgeBases: KnowledgeBases
    enum CodingKeys: String, CodingKey {
        case users
        case knowledgeBases = "knowledge_bases"
    }
}

/// A document (or source) of a knowledge base, for `/sources`.
struct SourceDocument: Decodable, Sendable {
    var id: Int64?
    var title: String?
    var sourceURI: String?
    var deepLink: String?
    enum CodingKeys: String, CodingKey {
        case id, title
        case sourceURI = "source_uri"
        case deepLink = "deep_link"
    }
}

struct DocumentPage: Decodable, Sendable {
    var documents: [SourceDocument]?
    var sources: [SourceDocument]?
}

/// `POST /rag/query`'s answer.
public struct RAGAnswer: Decodable, Sendable {
    public var answer: String
    public var answerKind: String
    public var sources: [Source]
    public var logID: Int64?

    public struct Source: Decodable, Sendable {
        public var n: Int
        public var title: String?
        public var sourceURI: String?
        public var deepLink: String?
        enum CodingKeys: String, CodingKey {
            case n, title
            case sourceURI = "source_uri"
            case deepLink = "deep_link"
        }
    }

    enum CodingKeys: String, CodingKey {
        case answer, sources
        case answerKind = "answer_kind"
        case logID = "log_id"
    }
}

struct AIAnswer: Decodable, Sendable {
    var answer: String
}

/// An ingestion task as `/ingestion/tasks` shows it.
public struct IngestionTask: Decodable, Sendable, Equatable {
    public var taskID: Int64
    public var knowledgeBaseID: Int64?
    public var source: String?
    public var state: String
    public var stage: String?
    public var percent: Int?
    public var items: Items?
    public var failures: [Failure]?
    public var error: String?

    public struct Items: Decodable, Sendable, Equatable {
        public var total: Int?
        public var done: Int?
        public var indexed: Int?
        public var unchanged: Int?
        public var skipped: Int?
        public var failed: Int?
    }

    public struct Failure: Decodable, Sendable, Equatable {
        public var item: String?
        public var reason: String?
    }

    enum CodingKeys: String, CodingKey {
        case source, state, stage, percent, items, failures, error
        case taskID = "task_id"
        case knowledgeBaseID = "knowledge_base_id"
    }

    /// Done one way or another; no more progress to show.
    var isFinished: Bool { ["succeeded", "failed", "cancelled"].contains(state) }
}

/// `{"task": …}` or the bare task object: both are accepted.
struct IngestionTaskAnswer: Decodable, Sendable {
    var task: IngestionTask

    init(from decoder: any Decoder) throws {
        struct Wrapped: Decodable { var task: IngestionTask }
        if let wrapped = try? Wrapped(from: decoder) {
            task = wrapped.task
        } else {
            task = try IngestionTask(from: decoder)
        }
    }
}

struct IngestionTaskPage: Decodable, Sendable {
    var tasks: [IngestionTask]
}

/// `GET /logs`: the newest questions.
struct QueryLogPage: Decodable, Sendable {
    struct Entry: Decodable, Sendable {
        var id: Int64
        var telegramID: Int64?
        var question: String?
        var answerKind: String?
        var helpful: Bool?
        enum CodingKeys: String, CodingKey {
            case id, question, helpful
            case telegramID = "telegram_id"
            case answerKind = "answer_kind"
        }
    }
    var entries: [Entry]
}
