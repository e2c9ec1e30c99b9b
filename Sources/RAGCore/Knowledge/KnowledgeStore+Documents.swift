import Foundation
import GRDB
import Wire

extension KnowledgeStore {
    /// Adds or replaces the document keyed by `(knowledge_base_id, source_uri)`, its chunks
    /// replaced in the same transaction, then brings the index up to date. The same content
    /// hash again changes nothing.
    func putDocument(_ params: RAGPutDocument.Params) async throws(Error) -> (document: KnowledgeDocument, status: RAGPutDocument.Status) {
        let result = try await writeDocument(params)
        // Also after `unchanged`: a retry after a failed catch-up heals the index.
        try await catchUpAfterWrite()
        return result
    }

    /// The SQLite half of ``putDocument(_:)``: rows and index changes in one transaction,
    /// the index not yet touched.
    func writeDocument(_ params: RAGPutDocument.Params) async throws(Error) -> (document: KnowledgeDocument, status: RAGPutDocument.Status) {
        let params = try Self.validated(params)
        let now = now()
        return try await write { db -> (KnowledgeDocument, RAGPutDocument.Status) in
            _ = try Self.knowledgeBaseRecord(params.knowledgeBaseID, db)
            let existing = try DocumentRecord
                .filter(DocumentRecord.Columns.knowledgeBaseID == params.knowledgeBaseID && DocumentRecord.Columns.sourceURI == params.sourceURI)
                .fetchOne(db)
            if let existing, existing.contentHash == params.contentHash {
                return (existing.document, .unchanged)
            }
            var record = DocumentRecord(
                id: existing?.id, knowledgeBaseID: params.knowledgeBaseID, title: params.title, sourceURI: params.sourceURI,
                deepLink: params.deepLink, contentHash: params.contentHash,
                size: params.size ?? Int64(params.chunks.reduce(0) { $0 + $1.text.utf8.count }), mime: params.mime,
                ingestionJobID: params.ingestionJobID, chunkCount: params.chunks.count, createdAt: existing?.createdAt ?? now,
                updatedAt: now)
            if existing == nil {
                try record.insert(db)
            } else {
                try record.update(db)
                _ = try ChunkRecord.filter(ChunkRecord.Columns.documentID == record.id).deleteAll(db)
            }
            let documentID = record.id!
            for (ordinal, chunk) in params.chunks.enumerated() {
                var row = ChunkRecord(
                    id: nil, documentID: documentID, ordinal: ordinal,
                    headingPath: chunk.headingPath.joined(separator: ChunkRecord.headingSeparator), text: chunk.text,
                    charStart: chunk.charStart, charEnd: chunk.charEnd)
                try row.insert(db)
            }
            try IndexChangeRecord.append(.document, documentID, db)
            return (record.document, existing == nil ? .created : .updated)
        }
    }

    /// Deletes a document by id or source URI; returns it as it was.
    func deleteDocument(knowledgeBaseID: Int64, documentID: Int64?, sourceURI: String?) async throws(Error) -> KnowledgeDocument {
        guard documentID != nil || sourceURI != nil else {
            throw .invalid(field: "document_id", reason: "or source_uri is required")
        }
        let deleted = try await write { db in
            _ = try Self.knowledgeBaseRecord(knowledgeBaseID, db)
            var request = DocumentRecord.filter(DocumentRecord.Columns.knowledgeBaseID == knowledgeBaseID)
            if let documentID { request = request.filter(DocumentRecord.Columns.id == documentID) }
            if let sourceURI { request = request.filter(DocumentRecord.Columns.sourceURI == sourceURI) }
            guard let record = try request.fetchOne(db) else {
                throw Error.documentNotFound(knowledgeBaseID: knowledgeBaseID, reference: documentID.map(String.init) ?? sourceURI ?? "")
            }
            _ = try record.delete(db)
            try IndexChangeRecord.append(.document, record.id!, db)
            return record.document
        }
        try await catchUpAfterWrite()
        return deleted
    }

    /// The documents of a knowledge base in id order, one page at a time.
    func documents(knowledgeBaseID: Int64, limit: Int?, cursor: String?) async throws(Error) -> (documents: [KnowledgeDocument], next: String?) {
        let size = try ListingCursor.pageSize(limit)
        let after = try cursor.map { (token) throws(Error) in try ListingCursor(token: token, listing: .documents).after } ?? 0
        let page = try await read { db in
            _ = try Self.knowledgeBaseRecord(knowledgeBaseID, db)
            return try DocumentRecord
                .filter(DocumentRecord.Columns.knowledgeBaseID == knowledgeBaseID && DocumentRecord.Columns.id > after)
                .order(DocumentRecord.Columns.id).limit(size + 1).fetchAll(db).map(\.document)
        }
        let next = page.count > size ? ListingCursor(listing: .documents, after: page[size - 1].id).token : nil
        return (Array(page.prefix(size)), next)
    }

    /// The current text of the chunks with the given ids, with their documents; ids no
    /// longer in the database are left out. Read inside the caller's read.
    static func passages(_ db: Database, _ chunkIDs: [Int64]) throws -> [Int64: Passage] {
        guard !chunkIDs.isEmpty else { return [:] }
        // Every query reads its passages: cached statements taking the ids as one JSON array,
        // instead of the query interface generating and preparing new SQL each time.
        let chunkStatement = try db.cachedStatement(
            sql: "SELECT * FROM \"\(ChunkRecord.databaseTableName)\" WHERE id IN (SELECT value FROM json_each(?))")
        let chunks = try ChunkRecord.fetchAll(chunkStatement, arguments: [jsonArray(chunkIDs)])
        let documentStatement = try db.cachedStatement(
            sql: "SELECT * FROM \"\(DocumentRecord.databaseTableName)\" WHERE id IN (SELECT value FROM json_each(?))")
        let documents = try DocumentRecord.fetchAll(documentStatement, arguments: [jsonArray(Set(chunks.map(\.documentID)))])
        let byID = Dictionary(uniqueKeysWithValues: documents.compactMap { document in document.id.map { ($0, document) } })
        var passages: [Int64: Passage] = [:]
        for chunk in chunks {
            guard let id = chunk.id, let document = byID[chunk.documentID] else { continue }
            passages[id] = Passage(chunk: chunk, document: document)
        }
        return passages
    }

    /// `[1,2,3]`: ids as one SQL argument for `json_each`.
    static func jsonArray(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Every knowledge base's id and language, for searching. Read inside the caller's read.
    static func searchScopes(_ db: Database) throws -> [Int64: KnowledgeBaseLanguage] {
        let rows = try Row.fetchAll(db, sql: "SELECT id, language FROM knowledge_base")
        var scopes: [Int64: KnowledgeBaseLanguage] = [:]
        for row in rows {
            let language: String = row["language"]
            scopes[row["id"]] = KnowledgeBaseLanguage(rawValue: language) ?? .auto
        }
        return scopes
    }

    private static func validated(_ params: RAGPutDocument.Params) throws(Error) -> RAGPutDocument.Params {
        var params = params
        params.title = params.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !params.sourceURI.isEmpty, params.sourceURI.utf8.count <= 2048 else {
            throw .invalid(field: "source_uri", reason: "must be 1 to 2048 bytes")
        }
        guard !params.title.isEmpty else { throw .invalid(field: "title", reason: "must not be empty") }
        guard !params.contentHash.isEmpty else { throw .invalid(field: "content_hash", reason: "must not be empty") }
        for (index, chunk) in params.chunks.enumerated() {
            guard chunk.charStart >= 0, chunk.charEnd >= chunk.charStart else {
                throw .invalid(field: "chunks.\(index).char_end", reason: "must be at least char_start, both not negative")
            }
        }
        return params
    }
}

/// A chunk as read back for an answer: its text and the document it came from.
struct Passage: Sendable, Equatable {
    var chunk: ChunkRecord
    var document: DocumentRecord
}
