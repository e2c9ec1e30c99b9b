import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// Questions and the query log: `/api/v1/rag/…` and `/api/v1/ai/query` for members,
/// `/api/v1/logs` for admins.
struct RAGRoutes {
    let services: MeshServices
    let authorizer: Authorizer

    func register(on router: Router<GatewayRequestContext>) {
        router.post("/api/v1/rag/query") { request, context -> Response in
            try await authorizer.require(.query, context)
            let params = try await request.decodeJSON(as: RAGQuery.Params.self, context: context)
            return try JSONResponse.make(try await services.call(services.rag, RAGQuery.self, params, context))
        }

        router.post("/api/v1/ai/query") { request, context -> Response in
            try await authorizer.require(.query, context)
            let params = try await request.decodeJSON(as: AIQuery.Params.self, context: context)
            return try JSONResponse.make(try await services.call(services.rag, AIQuery.self, params, context))
        }

        router.post("/api/v1/rag/feedback") { request, context -> Response in
            try await authorizer.require(.query, context)
            let params = try await request.decodeJSON(as: RAGFeedback.Params.self, context: context)
            return try JSONResponse.make(try await services.call(services.rag, RAGFeedback.self, params, context))
        }

        router.get("/api/v1/logs") { request, context -> Response in
            try await authorizer.require(.readLogs, context)
            let query = request.uri.queryParameters
            let params = LogsList.Params(
                telegramID: try query.get("telegram_id").map { try Self.int64($0, field: "telegram_id") },
                knowledgeBaseID: try query.get("knowledge_base_id").map { try Self.int64($0, field: "knowledge_base_id") },
                answerKind: try query.get("answer_kind").map { raw in
                    guard let kind = AnswerKind(rawValue: raw) else {
                        throw GatewayError(.badRequest, "unknown answer_kind '\(raw)'", details: ["field": "answer_kind"])
                    }
                    return kind
                },
                since: try query.get("since").map { try Self.instant($0, field: "since") },
                until: try query.get("until").map { try Self.instant($0, field: "until") },
                limit: try query.get("limit").map { try KnowledgeRoutes.integer($0, field: "limit") },
                cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.rag, LogsList.self, params, context))
        }
    }

    private static func int64(_ raw: String, field: String) throws -> Int64 {
        guard let value = Int64(raw) else {
            throw GatewayError(.badRequest, "\(field) must be an integer", details: ["field": .string(field)])
        }
        return value
    }

    private static func instant(_ raw: String, field: String) throws -> Date {
        guard let date = try? Date(raw, strategy: .iso8601) else {
            throw GatewayError(.badRequest, "\(field) must be an ISO 8601 instant such as 2025-01-02T08:30:00Z", details: ["field": .string(field)])
        }
        return date
    }
}
