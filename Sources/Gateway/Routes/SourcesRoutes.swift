import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// `GET /api/v1/sources`: the documents of every knowledge base a member may read, for
/// browsing what the assistant knows. Members and up, like questions.
struct SourcesRoutes {
    let services: MeshServices
    let authorizer: Authorizer

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/sources") { request, context -> Response in
            // The same reading rule as `POST /rag/query`: whoever may ask may see the sources.
            try await authorizer.require(.query, context)
            let query = request.uri.queryParameters
            let params = SourcesList.Params(
                knowledgeBaseIDs: try Self.knowledgeBaseIDs(query.getAll("knowledge_base")),
                query: query.get("q"),
                limit: try query.get("limit").map { try KnowledgeRoutes.integer($0, field: "limit") },
                cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.rag, SourcesList.self, params, context))
        }
    }

    /// `knowledge_base` given once or more, each an id or a comma-separated list of ids;
    /// nil when absent (every knowledge base).
    static func knowledgeBaseIDs(_ values: [String]) throws -> [Int64]? {
        guard !values.isEmpty else { return nil }
        return try values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { raw in
            guard let id = Int64(raw.trimmingCharacters(in: .whitespaces)) else {
                throw GatewayError(.badRequest, "knowledge_base must be an id or a comma-separated list of ids", details: ["field": "knowledge_base"])
            }
            return id
        }
    }
}
