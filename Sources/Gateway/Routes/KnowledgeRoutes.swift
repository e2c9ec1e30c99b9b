import Crypto
import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// The knowledge-base API: `/api/v1/knowledge-bases…`. Members read, editors change.
struct KnowledgeRoutes {
    let services: MeshServices
    let authorizer: Authorizer

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/knowledge-bases") { request, context -> Response in
            try await authorizer.require(.query, context)
            let query = request.uri.queryParameters
            let params = KBList.Params(limit: try query.get("limit").map { try Self.integer($0, field: "limit") }, cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.rag, KBList.self, params, context))
        }

        router.post("/api/v1/knowledge-bases") { request, context -> Response in
            try await authorizer.require(.manageKnowledge, context)
            let body = try await request.decodeJSON(as: KnowledgeBaseBody.self, context: context)
            let params = KBCreate.Params(
                slug: body.slug, name: body.name, description: body.description, language: body.language, actor: context.caller?.auditName)
            return try JSONResponse.make(try await services.call(services.rag, KBCreate.self, params, context), status: .created)
        }

        router.get("/api/v1/knowledge-bases/{id}") { _, context -> Response in
            let id = try Self.pathID("id", context)
            try await authorizer.require(.query, context)
            return try JSONResponse.make(try await services.call(services.rag, KBGet.self, .init(id: id), context))
        }

        router.patch("/api/v1/knowledge-bases/{id}") { request, context -> Response in
            let id = try Self.pathID("id", context)
            try await authorizer.require(.manageKnowledge, context)
            let patch = try await request.decodeJSON(as: KnowledgeBasePatch.self, context: context)
            let params = KBUpdate.Params(id: id, slug: patch.slug, name: patch.name, description: patch.description, language: patch.language)
            return try JSONResponse.make(try await services.call(services.rag, KBUpdate.self, params, context))
        }

        router.delete("/api/v1/knowledge-bases/{id}") { _, context -> Response in
            let id = try Self.pathID("id", context)
            try await authorizer.require(.manageKnowledge, context)
            return try JSONResponse.make(try await services.call(services.rag, KBDelete.self, .init(id: id), context))
        }

        router.get("/api/v1/knowledge-bases/{id}/documents") { request, context -> Response in
            let id = try Self.pathID("id", context)
            try await authorizer.require(.query, context)
            let query = request.uri.queryParameters
            let params = DocsList.Params(
                knowledgeBaseID: id, limit: try query.get("limit").map { try Self.integer($0, field: "limit") }, cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.rag, DocsList.self, params, context))
        }

        router.post("/api/v1/knowledge-bases/{id}/documents") { request, context -> Response in
            let id = try Self.pathID("id", context)
            try await authorizer.require(.manageKnowledge, context)
            let body = try await request.decodeJSON(as: TextDocumentBody.self, context: context)
            guard !body.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw GatewayError(.unprocessable, "text must not be empty", details: ["field": "text"])
            }
            let params = RAGPutText.Params(
                knowledgeBaseID: id, sourceURI: body.sourceURI, title: body.title, text: body.text, deepLink: body.deepLink, mime: body.mime)
            let stored = try await services.call(services.rag, RAGPutText.self, params, context)
            return try JSONResponse.make(stored, status: stored.status == .created ? .created : .ok)
        }

        router.delete("/api/v1/knowledge-bases/{id}/documents/{doc_id}") { _, context -> Response in
            let id = try Self.pathID("id", context)
            let documentID = try Self.pathID("doc_id", context)
            try await authorizer.require(.manageKnowledge, context)
            let params = RAGDeleteDocument.Params(knowledgeBaseID: id, documentID: documentID)
            return try JSONResponse.make(try await services.call(services.rag, RAGDeleteDocument.self, params, context))
        }
    }

    static func pathID(_ name: String, _ context: GatewayRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get(name), let id = Int64(raw) else {
            throw GatewayError(.badRequest, "\(name) in the path must be an integer", details: ["field": .string(name)])
        }
        return id
    }

    static func integer(_ raw: String, field: String) throws -> Int {
        guard let value = Int(raw) else {
            throw GatewayError(.badRequest, "\(field) must be an integer", details: ["field": .string(field)])
        }
        return value
    }
}

/// `POST /api/v1/knowledge-bases`.
private struct KnowledgeBaseBody: Decodable {
    var slug: String
    var name: String
    var description: String?
    var language: KnowledgeBaseLanguage?
}

/// `PATCH /api/v1/knowledge-bases/{id}`: the fields to change.
private struct KnowledgeBasePatch: Decodable {
    var slug: String?
    var name: String?
    var description: String?
    var language: KnowledgeBaseLanguage?
}

/// `POST /api/v1/knowledge-bases/{id}/documents`: a plain-text or Markdown document.
private struct TextDocumentBody: Decodable {
    var title: String
    var sourceURI: String
    var text: String
    var deepLink: String?
    var mime: String?

    enum CodingKeys: String, CodingKey {
        case title, text, mime
        case sourceURI = "source_uri"
        case deepLink = "deep_link"
    }
}
