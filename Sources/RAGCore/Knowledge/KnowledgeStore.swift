import Foundation
import GRDB
import SQLiteStorage
import NIOPosix
import Wire

/// The knowledge bases, their documents and chunks in `kb.sqlite`, and the search index
/// kept in step with them.
///
/// State lives in the `DatabasePool` and the `SearchIndex`; the store itself is a plain
/// value any task may use. Each write commits its rows and its index changes in one SQLite
/// transaction, then the ``IndexSynchronizer`` brings the index up to date.
struct KnowledgeStore: Sendable {
    let database: DatabasePool
    let synchronizer: IndexSynchronizer
    /// Writes the query log behind the answers.
    let queryLog: QueryLogWriter
    private let clock: @Sendable () -> Date
    /// Test-only: kills the process between a write's SQLite commit and its index commit.
    var indexCommitFault: IndexCommitFault?

    var index: SearchIndex { synchronizer.index }

    /// A store over an open database and index. Call ``catchUpIndex()`` before serving.
    init(database: DatabasePool, index: SearchIndex, clock: @escaping @Sendable () -> Date = { Date() }) throws(Error) {
        self.database = database
        do {
            synchronizer = try IndexSynchronizer(database: database, index: index)
        } catch {
            throw .index(error.description)
        }
        do {
            queryLog = try QueryLogWriter(database: database)
        } catch {
            throw .storage("\(error)")
        }
        self.clock = clock
    }

    /// Opens `kb.sqlite` at `databasePath` and the index in `indexDirectory`, and replays
    /// changes the index has not applied yet (after a crash between the two commits).
    static func open(databasePath: String, indexDirectory: String, indexCommitFault: IndexCommitFault? = nil) async throws -> KnowledgeStore {
        let database = try KnowledgeDatabase.open(path: databasePath)
        var store = try KnowledgeStore(database: database, index: try SearchIndex(directory: indexDirectory))
        store.indexCommitFault = indexCommitFault
        try await store.catchUpIndex()
        return store
    }

    /// Applies pending index changes and forgets the applied ones; returns how many were applied.
    @discardableResult
    func catchUpIndex() async throws(Error) -> Int {
        let applied = try synchronizing { try synchronizer.catchUp() }
        do {
            try await synchronizer.pruneApplied()
        } catch {
            throw .storage("\(error)")
        }
        return applied
    }

    /// Now, to the whole second: the precision the Wire contracts carry.
    func now() -> Date {
        Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down))
    }

    // MARK: Knowledge bases

    func create(
        slug: String, name: String, description: String?, language: KnowledgeBaseLanguage?, createdBy: String
    ) async throws(Error) -> KnowledgeBase {
        let slug = try Self.validSlug(slug)
        let name = try Self.validName(name)
        let now = now()
        let record = KnowledgeBaseRecord(
            id: nil, slug: slug, name: name, description: description ?? "", language: language ?? .auto, createdBy: createdBy,
            createdAt: now, updatedAt: now)
        return try await write { db in
            guard try KnowledgeBaseRecord.filter(KnowledgeBaseRecord.Columns.slug == slug).fetchCount(db) == 0 else {
                throw Error.slugTaken(slug)
            }
            var inserted = record
            try inserted.insert(db)
            return inserted.knowledgeBase(documentCount: 0)
        }
    }

    func knowledgeBase(_ id: Int64) async throws(Error) -> KnowledgeBase {
        try await read { db in try Self.knowledgeBaseRecord(id, db).knowledgeBase(db) }
    }

    func knowledgeBases(limit: Int?, cursor: String?) async throws(Error) -> (knowledgeBases: [KnowledgeBase], next: String?) {
        let size = try ListingCursor.pageSize(limit)
        let after = try cursor.map { (token) throws(Error) in try ListingCursor(token: token, listing: .knowledgeBases).after } ?? 0
        let page = try await read { db in
            try KnowledgeBaseRecord.filter(KnowledgeBaseRecord.Columns.id > after).order(KnowledgeBaseRecord.Columns.id)
                .limit(size + 1).fetchAll(db).map { try $0.knowledgeBase(db) }
        }
        let next = page.count > size ? ListingCursor(listing: .knowledgeBases, after: page[size - 1].id).token : nil
        return (Array(page.prefix(size)), next)
    }

    /// Changes the given fields; returns the knowledge base and the JSON names of the changed fields.
    func update(
        _ id: Int64, slug: String?, name: String?, description: String?, language: KnowledgeBaseLanguage?
    ) async throws(Error) -> (knowledgeBase: KnowledgeBase, changed: [String]) {
        let slug = try slug.map { (slug) throws(Error) in try Self.validSlug(slug) }
        let name = try name.map { (name) throws(Error) in try Self.validName(name) }
        let now = now()
        let result = try await write { db in
            var record = try Self.knowledgeBaseRecord(id, db)
            var changed: [String] = []
            if let slug, slug != record.slug {
                guard try KnowledgeBaseRecord.filter(KnowledgeBaseRecord.Columns.slug == slug).fetchCount(db) == 0 else {
                    throw Error.slugTaken(slug)
                }
                record.slug = slug
                changed.append("slug")
            }
            if let name, name != record.name {
                record.name = name
                changed.append("name")
            }
            if let description, description != record.description {
                record.description = description
                changed.append("description")
            }
            if let language, language != record.language {
                record.language = language
                changed.append("language")
                // Every chunk must be analysed again with the new stemmer.
                for documentID in try Int64.fetchAll(
                    db, DocumentRecord.select(DocumentRecord.Columns.id).filter(DocumentRecord.Columns.knowledgeBaseID == id))
                {
                    try IndexChangeRecord.append(.document, documentID, db)
                }
            }
            if !changed.isEmpty {
                record.updatedAt = now
                try record.update(db)
            }
            return (try record.knowledgeBase(db), changed)
        }
        try await catchUpAfterWrite()
        return result
    }

    /// Deletes the knowledge base with its documents and chunks (and, through the change
    /// log, their index entries); returns it as it was.
    func delete(_ id: Int64) async throws(Error) -> KnowledgeBase {
        let deleted = try await write { db in
            let record = try Self.knowledgeBaseRecord(id, db)
            let knowledgeBase = try record.knowledgeBase(db)
            _ = try record.delete(db)
            try IndexChangeRecord.append(.knowledgeBase, id, db)
            return knowledgeBase
        }
        try await catchUpAfterWrite()
        return deleted
    }

    static func knowledgeBaseRecord(_ id: Int64, _ db: Database) throws -> KnowledgeBaseRecord {
        guard let record = try KnowledgeBaseRecord.fetchOne(db, key: id) else { throw Error.knowledgeBaseNotFound(id: id) }
        return record
    }

    static func validSlug(_ slug: String) throws(Error) -> String {
        let allowed = slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        guard (1...64).contains(slug.utf8.count), allowed, !slug.hasPrefix("-") else {
            throw .invalid(field: "slug", reason: "must be 1 to 64 lowercase letters, digits or '-', not starting with '-'")
        }
        return slug
    }

    static func validName(_ name: String) throws(Error) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else { throw .invalid(field: "name", reason: "must be 1 to 200 characters") }
        return trimmed
    }

    // MARK: Transactions

    /// Runs `work` in a write transaction; a store error it throws rolls it back and comes
    /// out as is, any other failure as `storage`.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        try await database.writeTransaction(failingAs: Error.self, work)
    }

    /// Runs `work` in a read transaction, concurrently with other reads and the writer.
    func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        try await database.readTransaction(failingAs: Error.self, work)
    }

    /// Brings the index up to date with the write just committed. The Xapian commit blocks,
    /// so it runs on NIO's blocking-work pool rather than on the event loop that serves requests.
    func catchUpAfterWrite() async throws(Error) {
        indexCommitFault?.sqliteCommitted()
        let synchronizer = self.synchronizer
        do {
            _ = try await NIOThreadPool.singleton.runIfActive { try synchronizer.catchUp() }
        } catch let error as SearchIndex.Error {
            throw .index(error.description)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Runs an index catch-up, reporting its failure as `index`.
    func synchronizing<T>(_ work: () throws -> T) throws(Error) -> T {
        do {
            return try work()
        } catch let error as SearchIndex.Error {
            throw .index(error.description)
        } catch {
            throw .storage("\(error)")
        }
    }
}
