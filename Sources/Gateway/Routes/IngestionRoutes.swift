import Foundation
import HTTPTypes
import HTTPServing
import NIOCore
import Logging
import Wire

/// Background ingestion: `/api/v1/ingestion/…`. Editors and admins only. Submitting answers
/// `202` with the task at once; the work runs in ingest-service.
struct IngestionRoutes {
    let services: MeshServices
    let authorizer: Authorizer
    let staging: UploadStaging
    let rateLimit: RateLimitMiddleware

    static let uploadPath = "/api/v1/ingestion/files"
    static let fileNameHeader = HTTPField.Name("X-File-Name")!

    func register(on router: Router<GatewayRequestContext>) {
        router.post("/api/v1/ingestion/files") { request, context -> Response in
            var context = context
            // A bot-signed upload is verified only once staged (`DeferredBodySignature`), so
            // for it nothing is asked of the services before that; other callers are checked
            // first, and nothing is staged for a caller who may not upload.
            let deferred = context.deferredSignature
            var caller = deferred == nil ? try await authorizer.require(.ingest, context) : nil
            let query = request.uri.queryParameters
            guard let raw = query.get("knowledge_base") ?? query.get("knowledge_base_id") else {
                throw GatewayError(.badRequest, "knowledge_base is required in the query", details: ["field": "knowledge_base"])
            }
            let knowledgeBaseID = try Self.int64(raw, field: "knowledge_base")
            if deferred == nil {
                _ = try await services.call(services.rag, KBGet.self, .init(id: knowledgeBaseID), context)
            }
            let named =
                query.get("filename").flatMap(UploadFileName.sanitized)
                ?? request.headers[.contentDisposition].flatMap(UploadFileName.fromContentDisposition)
                ?? request.headers[Self.fileNameHeader].flatMap { UploadFileName.sanitized($0.removingPercentEncoding ?? $0) }
            let upload = try await staging.stage(request, fileName: named, context: context)
            do {
                if let deferred {
                    // Staging hashes every bot-signed upload; no hash checks as a bad signature.
                    try await deferred.verify(bodySHA256: upload.bodySHA256 ?? "")
                    context.caller = .bot(telegramID: deferred.telegramID)
                    try await rateLimit.admit(context)
                    caller = try await authorizer.require(.ingest, context)
                    _ = try await services.call(services.rag, KBGet.self, .init(id: knowledgeBaseID), context)
                }
                let source = IngestSource(file: .init(stagedPath: upload.path, fileName: upload.fileName, mime: upload.mime, size: upload.size))
                let params = IngestSubmit.Params(knowledgeBaseID: knowledgeBaseID, submittedBy: caller?.telegramID, source: source)
                let submitted = try await services.call(services.ingest, IngestSubmit.self, params, context)
                return try JSONResponse.make(submitted.task, status: .accepted)
            } catch {
                try? FileManager.default.removeItem(atPath: upload.path)
                throw error
            }
        }

        router.post("/api/v1/ingestion/url") { request, context -> Response in
            let caller = try await authorizer.require(.ingest, context)
            let body = try await request.decodeJSON(as: IngestionURLBody.self, context: context)
            let knowledgeBaseID = try Self.knowledgeBase(body.knowledgeBaseID ?? body.knowledgeBase)
            let crawl = body.crawl.map { IngestSource.Crawl(maxPages: $0.maxPages, sameHost: $0.sameHost) }
            let params = IngestSubmit.Params(
                knowledgeBaseID: knowledgeBaseID, submittedBy: caller.telegramID,
                source: IngestSource(url: .init(url: body.url, crawl: crawl)))
            return try await submit(params, context)
        }

        router.post("/api/v1/ingestion/git") { request, context -> Response in
            let caller = try await authorizer.require(.ingest, context)
            let body = try await request.decodeJSON(as: IngestionGitBody.self, context: context)
            let knowledgeBaseID = try Self.knowledgeBase(body.knowledgeBaseID ?? body.knowledgeBase)
            let git = IngestSource.Git(repoURL: body.repoURL, ref: body.ref, paths: body.paths)
            let params = IngestSubmit.Params(
                knowledgeBaseID: knowledgeBaseID, submittedBy: caller.telegramID, source: IngestSource(git: git))
            return try await submit(params, context)
        }

        router.get("/api/v1/ingestion/tasks") { request, context -> Response in
            try await authorizer.require(.ingest, context)
            let query = request.uri.queryParameters
            let params = IngestList.Params(
                knowledgeBaseID: try (query.get("knowledge_base") ?? query.get("knowledge_base_id")).map {
                    try Self.int64($0, field: "knowledge_base")
                },
                state: try query.get("state").map { raw in
                    guard let state = IngestTaskState(rawValue: raw) else {
                        throw GatewayError(.badRequest, "unknown state '\(raw)'", details: ["field": "state"])
                    }
                    return state
                },
                submittedBy: try query.get("submitted_by").map { try Self.int64($0, field: "submitted_by") },
                limit: try query.get("limit").map { Int(try Self.int64($0, field: "limit")) },
                cursor: query.get("cursor"))
            return try JSONResponse.make(try await services.call(services.ingest, IngestList.self, params, context))
        }

        router.get("/api/v1/ingestion/tasks/{id}") { _, context -> Response in
            let id = try Self.pathID(context)
            try await authorizer.require(.ingest, context)
            return try JSONResponse.make(try await services.call(services.ingest, IngestGet.self, .init(taskID: id), context).task)
        }

        router.delete("/api/v1/ingestion/tasks/{id}") { _, context -> Response in
            let id = try Self.pathID(context)
            try await authorizer.require(.ingest, context)
            return try JSONResponse.make(try await services.call(services.ingest, IngestCancel.self, .init(taskID: id), context).task)
        }

        router.post("/api/v1/ingestion/tasks/{id}/retry") { _, context -> Response in
            let id = try Self.pathID(context)
            try await authorizer.require(.ingest, context)
            let retried = try await services.call(services.ingest, IngestRetry.self, .init(taskID: id), context)
            return try JSONResponse.make(retried.task, status: .accepted)
        }
    }

    /// Checks the knowledge base first (404 for an unknown one), then queues the task.
    private func submit(_ params: IngestSubmit.Params, _ context: GatewayRequestContext) async throws -> Response {
        _ = try await services.call(services.rag, KBGet.self, .init(id: params.knowledgeBaseID), context)
        let submitted = try await services.call(services.ingest, IngestSubmit.self, params, context)
        return try JSONResponse.make(submitted.task, status: .accepted)
    }

    private static func knowledgeBase(_ id: Int64?) throws -> Int64 {
        guard let id else {
            throw GatewayError(.unprocessable, "knowledge_base_id is required", details: ["field": "knowledge_base_id"])
        }
        return id
    }

    private static func pathID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
            throw GatewayError(.badRequest, "id in the path must be an integer", details: ["field": "id"])
        }
        return id
    }

    private static func int64(_ raw: String, field: String) throws -> Int64 {
        guard let value = Int64(raw) else {
            throw GatewayError(.badRequest, "\(field) must be an integer", details: ["field": .string(field)])
        }
        return value
    }
}
