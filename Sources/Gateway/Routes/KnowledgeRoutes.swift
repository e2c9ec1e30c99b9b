import Crypto
import Foundation
import Hummingbird
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
            let digest = SHA256.hash(data: Data("\(body.title)\n\(body.deepLink ?? "")\n\(body.text)".utf8))
            let params = RAGPutDocument.Params(
                knowledgeBaseID: id, sourceURI: body.sourceURI, title: body.title, deepLink: body.deepLink, mime: body.mime ?? "text/plain",
                contentHash: "sha256:" + digest.map { String(format: "%02x", $0) }.joined(), size: Int64(body.text.utf8.count),
                chunks: ParagraphChunker.chunks(of: body.text))
            let stored = try await services.call(services.rag, RAGPutDocument.self, params, context)
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

/// Cuts text posted through the API into chunks: paragraphs (split at blank lines) joined
/// up to about ``targetLength`` characters, Markdown `#` headings kept as the heading path.
/// Ingestion does this properly per format; this is for text loaded by hand.
enum ParagraphChunker {
    static let targetLength = 800

    static func chunks(of text: String) -> [DocumentChunk] {
        var chunks: [DocumentChunk] = []
        var headings: [(level: Int, title: String)] = []
        var pending: (text: String, start: Int, end: Int)?
        func flush() {
            if let current = pending {
                chunks.append(DocumentChunk(headingPath: headings.map(\.title), text: current.text, charStart: current.start, charEnd: current.end))
            }
            pending = nil
        }
        for paragraph in paragraphs(of: text).flatMap(pieces) {
            let body = paragraph.text
            if body.hasPrefix("#"), !body.contains("\n") {
                flush()
                let level = body.prefix { $0 == "#" }.count
                headings.removeAll { $0.level >= level }
                headings.append((level, body.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)))
                continue
            }
            if let current = pending, current.text.count + 2 + body.count <= targetLength {
                pending = (current.text + "\n\n" + body, current.start, paragraph.end)
            } else {
                flush()
                pending = (body, paragraph.start, paragraph.end)
            }
        }
        flush()
        return chunks
    }

    /// A paragraph longer than ``targetLength`` cut at spaces into pieces no longer than it
    /// (a single longer word stays whole).
    private static func pieces(of paragraph: (text: String, start: Int, end: Int)) -> [(text: String, start: Int, end: Int)] {
        guard paragraph.text.count > targetLength else { return [paragraph] }
        var result: [(String, Int, Int)] = []
        var current = ""
        var start = paragraph.start
        var offset = paragraph.start
        for word in paragraph.text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > targetLength {
                result.append((current, start, offset - 1))
                current = ""
                start = offset
            }
            current += current.isEmpty ? String(word) : " " + word
            offset += word.count + 1
        }
        if !current.isEmpty { result.append((current, start, paragraph.end)) }
        return result
    }

    /// Non-empty paragraphs with their character ranges in `text`.
    private static func paragraphs(of text: String) -> [(text: String, start: Int, end: Int)] {
        var result: [(String, Int, Int)] = []
        var offset = 0
        for block in text.components(separatedBy: "\n\n") {
            let trimmed = block.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                let lead = block.prefix { $0.isWhitespace || $0.isNewline }.count
                result.append((trimmed, offset + lead, offset + lead + trimmed.count))
            }
            offset += block.count + 2
        }
        return result
    }
}
