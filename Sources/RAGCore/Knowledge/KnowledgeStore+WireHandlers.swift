import Logging
import Wire

extension KnowledgeStore {
    /// The `kb.*`, `docs.list`, `sources.list`, `rag.put_document` and `rag.delete_document` methods, each a
    /// thin translation between its contract and the store.
    func registerHandlers(in table: inout WireHandlerTable) {
        table.register(KBCreate.self) { params, call in
            let createdBy = params.actor ?? call.ctx.telegramID.map { "telegram:\($0)" } ?? "system"
            let knowledgeBase = try await Self.answering(call) {
                try await self.create(
                    slug: params.slug, name: params.name, description: params.description, language: params.language, createdBy: createdBy)
            }
            call.logger.info("knowledge base created", metadata: ["knowledge_base": "\(knowledgeBase.id)", "slug": "\(knowledgeBase.slug)"])
            return KBCreate.Result(knowledgeBase: knowledgeBase)
        }
        table.register(KBGet.self) { params, call in
            KBGet.Result(knowledgeBase: try await Self.answering(call) { try await self.knowledgeBase(params.id) })
        }
        table.register(KBList.self) { params, call in
            let (knowledgeBases, next) = try await Self.answering(call) { try await self.knowledgeBases(limit: params.limit, cursor: params.cursor) }
            return KBList.Result(knowledgeBases: knowledgeBases, nextCursor: next)
        }
        table.register(KBUpdate.self) { params, call in
            let (knowledgeBase, changed) = try await Self.answering(call) {
                try await self.update(params.id, slug: params.slug, name: params.name, description: params.description, language: params.language)
            }
            return KBUpdate.Result(knowledgeBase: knowledgeBase, changed: changed)
        }
        table.register(KBDelete.self) { params, call in
            let knowledgeBase = try await Self.answering(call) { try await self.delete(params.id) }
            call.logger.info("knowledge base deleted", metadata: ["knowledge_base": "\(knowledgeBase.id)", "documents": "\(knowledgeBase.documentCount)"])
            return KBDelete.Result(knowledgeBase: knowledgeBase)
        }
        table.register(DocsList.self) { params, call in
            let (documents, next) = try await Self.answering(call) {
                try await self.documents(knowledgeBaseID: params.knowledgeBaseID, limit: params.limit, cursor: params.cursor)
            }
            return DocsList.Result(documents: documents, nextCursor: next)
        }
        table.register(SourcesList.self) { params, call in
            let (sources, next) = try await Self.answering(call) { try await self.sources(params) }
            return SourcesList.Result(sources: sources, nextCursor: next)
        }
        table.register(RAGPutDocument.self) { params, call in
            let (document, status) = try await Self.answering(call) { try await self.putDocument(params) }
            if status != .unchanged {
                call.logger.info(
                    "document stored", metadata: ["document": "\(document.id)", "chunks": "\(document.chunkCount)", "status": "\(status.rawValue)"])
            }
            return RAGPutDocument.Result(document: document, status: status)
        }
        table.register(RAGPutText.self) { params, call in
            let (document, status) = try await Self.answering(call) { try await self.putText(params) }
            return RAGPutDocument.Result(document: document, status: status)
        }
        table.register(RAGDeleteDocument.self) { params, call in
            let document = try await Self.answering(call) {
                try await self.deleteDocument(knowledgeBaseID: params.knowledgeBaseID, documentID: params.documentID, sourceURI: params.sourceURI)
            }
            return RAGDeleteDocument.Result(document: document)
        }
    }

    /// Runs `work`, turning a store error into the `WireError` the caller sees; storage and
    /// index failures are logged here, since the caller only hears `internal`.
    /// (Untyped closure errors: typed throws in closures is fragile in the 6.3 compiler.)
    static func answering<T>(_ call: WireCallContext, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as Error {
            switch error {
            case .storage(let reason): call.logger.error("knowledge database failed", metadata: ["error": "\(reason)"])
            case .index(let reason): call.logger.error("search index failed", metadata: ["error": "\(reason)"])
            default: break
            }
            throw error.wireError
        }
    }
}
