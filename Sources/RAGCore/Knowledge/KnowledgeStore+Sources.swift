import Foundation
import GRDB
import Wire

extension KnowledgeStore {
    /// The documents of the given knowledge bases (nil: every one, as `rag.query` reads
    /// them), optionally only those whose title or source URI contains `query` ignoring
    /// case, in document id order, one page at a time.
    ///
    /// The substring match lowercases with Swift's `String.lowercased()` (GRDB's
    /// `swiftLowercaseString`), so Cyrillic titles match case-insensitively too, which
    /// SQLite's ASCII-only `LIKE` would not do.
    func sources(_ params: SourcesList.Params) async throws(Error) -> (sources: [SourcesList.Source], next: String?) {
        let size = try ListingCursor.pageSize(params.limit)
        let after = try params.cursor.map { (token) throws(Error) in try ListingCursor(token: token, listing: .sources).after } ?? 0
        let needle = try Self.sourceQuery(params.query)
        let knowledgeBaseIDs = params.knowledgeBaseIDs.map { Array(Set($0)).sorted() }
        let page = try await read { db -> [SourcesList.Source] in
            var request = DocumentRecord.filter(DocumentRecord.Columns.id > after)
            if let knowledgeBaseIDs {
                let known = try Int64.fetchSet(db, KnowledgeBaseRecord.select(KnowledgeBaseRecord.Columns.id).filter(keys: knowledgeBaseIDs))
                if let unknown = knowledgeBaseIDs.first(where: { !known.contains($0) }) {
                    throw Error.knowledgeBaseNotFound(id: unknown)
                }
                request = request.filter(knowledgeBaseIDs.contains(DocumentRecord.Columns.knowledgeBaseID))
            }
            if let needle {
                request = request.filter(
                    sql: "instr(swiftLowercaseString(title), ?) > 0 OR instr(swiftLowercaseString(source_uri), ?) > 0",
                    arguments: [needle, needle])
            }
            let documents = try request.order(DocumentRecord.Columns.id).limit(size + 1).fetchAll(db)
            let knowledgeBases = try KnowledgeBaseRecord.filter(keys: Set(documents.map(\.knowledgeBaseID))).fetchAll(db)
            let byID = Dictionary(uniqueKeysWithValues: knowledgeBases.compactMap { kb in kb.id.map { ($0, kb) } })
            return documents.compactMap { document in
                byID[document.knowledgeBaseID].map { Self.source(document, in: $0) }
            }
        }
        let next = page.count > size ? ListingCursor(listing: .sources, after: page[size - 1].documentID).token : nil
        return (Array(page.prefix(size)), next)
    }

    /// The lowercased filter text; nil when blank.
    static func sourceQuery(_ query: String?) throws(Error) -> String? {
        guard let trimmed = query?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= SourcesList.maximumQueryLength else {
            throw .invalid(field: "query", reason: "must be at most \(SourcesList.maximumQueryLength) characters")
        }
        return trimmed.lowercased()
    }

    private static func source(_ document: DocumentRecord, in knowledgeBase: KnowledgeBaseRecord) -> SourcesList.Source {
        SourcesList.Source(
            documentID: document.id ?? 0, knowledgeBaseID: document.knowledgeBaseID, knowledgeBaseSlug: knowledgeBase.slug,
            knowledgeBaseName: knowledgeBase.name, title: document.title, sourceURI: document.sourceURI, deepLink: document.deepLink,
            mime: document.mime, size: document.size, chunkCount: document.chunkCount, ingestionJobID: document.ingestionJobID,
            updatedAt: document.updatedAt)
    }
}
