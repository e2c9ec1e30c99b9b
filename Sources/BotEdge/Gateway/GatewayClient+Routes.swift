import Foundation
import NIOHTTP1

/// The gateway routes the bot uses, one typed function each.
extension GatewayClient {
    struct Registration: Encodable, Sendable {
        var username: String?
        var firstName: String?
        var lastName: String?
        var languageCode: String?
        enum CodingKeys: String, CodingKey {
            case username
            case firstName = "first_name"
            case lastName = "last_name"
            case languageCode = "language_code"
        }
    }

    /// `POST /users`: registers the caller (idempotent); `created` is true the first time.
    func register(_ profile: TelegramUser, as caller: Caller) async throws(GatewayFailure) -> (user: GatewayUser, created: Bool) {
        let body = Registration(
            username: profile.username, firstName: profile.firstName, lastName: profile.lastName, languageCode: profile.languageCode)
        let answer: UserEnvelope = try await call(.POST, "/api/v1/users", json: body, as: caller)
        guard let user = answer.user else { throw .other(code: "malformed_answer") }
        return (user, answer.created ?? false)
    }

    /// `GET /me`: the caller's record, pending included.
    func me(as caller: Caller) async throws(GatewayFailure) -> GatewayUser {
        let answer: UserEnvelope = try await call(.GET, "/api/v1/me", as: caller)
        guard let user = answer.user else { throw .unknownUser }
        return user
    }

    func user(_ telegramID: Int64, as caller: Caller) async throws(GatewayFailure) -> GatewayUser {
        let answer: UserEnvelope = try await call(.GET, "/api/v1/users/\(telegramID)", as: caller)
        guard let user = answer.user else { throw .notFound }
        return user
    }

    /// A change to a user record; absent fields are left alone.
    struct UserChange: Encodable, Sendable {
        var role: String?
        var status: String?
        /// `.some(nil)` clears the preferred knowledge base ("all").
        var preferredKnowledgeBaseID: Int64??
        var languageCode: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(role, forKey: .role)
            try container.encodeIfPresent(status, forKey: .status)
            try container.encodeIfPresent(languageCode, forKey: .languageCode)
            if let preferred = preferredKnowledgeBaseID {
                try container.encode(preferred, forKey: .preferredKnowledgeBaseID)
            }
        }

        enum CodingKeys: String, CodingKey {
            case role, status
            case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
            case languageCode = "language_code"
        }
    }

    /// `PATCH /users/{id}`: one's own preferences, or (admins) someone's role and status.
    @discardableResult
    func updateUser(_ telegramID: Int64, _ change: UserChange, as caller: Caller) async throws(GatewayFailure) -> GatewayUser? {
        let answer: UserEnvelope = try await call(.PATCH, "/api/v1/users/\(telegramID)", json: change, as: caller)
        return answer.user
    }

    func users(status: String? = nil, role: String? = nil, cursor: String? = nil, limit: Int = 8, as caller: Caller)
        async throws(GatewayFailure) -> UserPage
    {
        var query = ["limit=\(limit)"]
        if let status { query.append("status=\(status)") }
        if let role { query.append("role=\(role)") }
        if let cursor { query.append("cursor=\(Self.encode(cursor))") }
        return try await call(.GET, "/api/v1/users?" + query.joined(separator: "&"), as: caller)
    }

    func knowledgeBases(as caller: Caller) async throws(GatewayFailure) -> [KnowledgeBase] {
        let page: KnowledgeBasePage = try await call(.GET, "/api/v1/knowledge-bases?limit=50", as: caller)
        return page.knowledgeBases
    }

    struct NewKnowledgeBase: Encodable, Sendable {
        var slug: String
        var name: String
    }

    func createKnowledgeBase(slug: String, name: String, as caller: Caller) async throws(GatewayFailure) -> KnowledgeBase {
        let answer: KnowledgeBaseEnvelope = try await call(
            .POST, "/api/v1/knowledge-bases", json: NewKnowledgeBase(slug: slug, name: name), as: caller)
        return answer.knowledgeBase
    }

    /// The documents behind `/sources`: the sources route when the gateway has it, else the
    /// knowledge base's document list.
    func sources(knowledgeBaseID: Int64, as caller: Caller) async throws(GatewayFailure) -> [SourceDocument] {
        do {
            let page: DocumentPage = try await call(.GET, "/api/v1/sources?knowledge_base=\(knowledgeBaseID)&limit=50", as: caller)
            return page.sources ?? page.documents ?? []
        } catch .notFound {
            let page: DocumentPage = try await call(.GET, "/api/v1/knowledge-bases/\(knowledgeBaseID)/documents?limit=50", as: caller)
            return page.documents ?? []
        }
    }

    struct Question: Encodable, Sendable {
        var question: String
        var knowledgeBaseIDs: [Int64]?
        var language: String?
        enum CodingKeys: String, CodingKey {
            case question, language
            case knowledgeBaseIDs = "knowledge_base_ids"
        }
    }

    func ask(_ question: String, knowledgeBaseID: Int64?, language: String? = nil, as caller: Caller) async throws(GatewayFailure)
        -> RAGAnswer
    {
        try await call(
            .POST, "/api/v1/rag/query",
            json: Question(question: question, knowledgeBaseIDs: knowledgeBaseID.map { [$0] }, language: language), as: caller)
    }

    struct Prompt: Encodable, Sendable { var prompt: String }

    func ai(_ prompt: String, as caller: Caller) async throws(GatewayFailure) -> AIAnswer {
        try await call(.POST, "/api/v1/ai/query", json: Prompt(prompt: prompt), as: caller)
    }

    struct Feedback: Encodable, Sendable {
        var logID: Int64
        var helpful: Bool
        enum CodingKeys: String, CodingKey {
            case helpful
            case logID = "log_id"
        }
    }

    struct Ignored: Decodable, Sendable {}

    func feedback(logID: Int64, helpful: Bool, as caller: Caller) async throws(GatewayFailure) {
        let _: Ignored = try await call(.POST, "/api/v1/rag/feedback", json: Feedback(logID: logID, helpful: helpful), as: caller)
    }

    /// `POST /ingestion/files`: the raw file; the answer is the new task.
    func upload(_ bytes: [UInt8], filename: String, knowledgeBaseID: Int64, as caller: Caller) async throws(GatewayFailure) -> IngestionTask
    {
        let path = "/api/v1/ingestion/files?knowledge_base=\(knowledgeBaseID)&filename=\(Self.encode(filename))"
        let answer = try await send(.POST, path, body: bytes, contentType: "application/octet-stream", as: caller)
        do {
            return try JSONDecoder().decode(IngestionTaskAnswer.self, from: Data(answer)).task
        } catch {
            throw .other(code: "malformed_answer")
        }
    }

    func task(_ id: Int64, as caller: Caller) async throws(GatewayFailure) -> IngestionTask {
        let answer: IngestionTaskAnswer = try await call(.GET, "/api/v1/ingestion/tasks/\(id)", as: caller)
        return answer.task
    }

    func tasks(submittedBy telegramID: Int64, as caller: Caller) async throws(GatewayFailure) -> [IngestionTask] {
        let page: IngestionTaskPage = try await call(.GET, "/api/v1/ingestion/tasks?submitted_by=\(telegramID)&limit=10", as: caller)
        return page.tasks
    }

    func logs(as caller: Caller) async throws(GatewayFailure) -> [QueryLogPage.Entry] {
        let page: QueryLogPage = try await call(.GET, "/api/v1/logs?limit=10", as: caller)
        return page.entries
    }

    /// `GET /stats` (admins): users by role, status and recent activity; knowledge bases and documents.
    func stats(as caller: Caller) async throws(GatewayFailure) -> GatewayStats {
        try await call(.GET, "/api/v1/stats", as: caller)
    }

    struct Health: Decodable, Sendable {
        struct Service: Decodable, Sendable { var status: String }
        var status: String
        var services: [String: Service]
    }

    /// `GET /health` answers 503 with the same body when a service is down.
    func health(as caller: Caller) async throws(GatewayFailure) -> Health {
        let bytes = try await send(.GET, "/api/v1/health", as: caller)
        do {
            return try JSONDecoder().decode(Health.self, from: Data(bytes))
        } catch {
            throw .other(code: "malformed_answer")
        }
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters pass).
    static func encode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
