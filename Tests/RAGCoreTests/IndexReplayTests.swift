import Foundation
import GRDB
import Testing
import TestSupport
import Wire

@testable import RAGCore

/// A crash between the SQLite commit and the index commit heals on the next start.
@Suite struct IndexReplayTests {
    static let queries = ["настройка серверов", "резервные копии", "install agent linux", "invoices payment", "giraffes"]

    /// The chunk ids (in rank order) every query finds.
    static func results(_ store: KnowledgeStore, kb: Int64) throws -> [[Int64]] {
        try queries.map { query in
            try store.index.search(query: query, knowledgeBaseIDs: [kb], language: .automatic, topK: 10).map(\.chunkID)
        }
    }

    @Test func changesCommittedOnlyToSQLiteAreReplayedOnStart() async throws {
        // The uninterrupted run.
        let reference = try await KnowledgeFixture()
        let referenceKB = try await reference.knowledgeBase().id
        try await SampleCorpus.load(into: reference, kb: referenceKB)
        let replaced = KnowledgeFixture.document(kb: referenceKB, uri: "billing.md", title: "Billing", ["Giraffes pay invoices monthly."])
        _ = try await reference.store.putDocument(replaced)
        _ = try await reference.store.deleteDocument(knowledgeBaseID: referenceKB, documentID: nil, sourceURI: "backup.md")
        let expected = try Self.results(reference.store, kb: referenceKB)

        // The interrupted run: half the writes reach the index, the rest only SQLite.
        let directory = try TemporaryDirectory(prefix: "ragcore")
        var kb: Int64 = 0
        do {
            let store = try await KnowledgeFixture.reopen(directory)
            kb = try await store.create(slug: "handbook", name: "Handbook", description: nil, language: .auto, createdBy: "test").id
            let documents = SampleCorpus.documents(kb: kb)
            _ = try await store.putDocument(documents[0])
            _ = try await store.putDocument(documents[1])
            let appliedBefore = store.synchronizer.appliedSequence
            // "Crash": these commit to SQLite, and the index never hears of them.
            _ = try await store.writeDocument(documents[2])
            _ = try await store.writeDocument(documents[3])
            var billing = replaced
            billing.knowledgeBaseID = kb
            _ = try await store.writeDocument(billing)
            _ = try await store.database.write { db in
                let backup = try DocumentRecord.filter(DocumentRecord.Columns.sourceURI == "backup.md").fetchOne(db)!
                _ = try backup.delete(db)
                try IndexChangeRecord.append(.document, backup.id!, db)
            }
            #expect(try store.index.appliedSequence() == appliedBefore)
            #expect(try Self.results(store, kb: kb) != expected)
        }
        // Restart: the pending changes are replayed, the index agrees with SQLite.
        let restarted = try await KnowledgeFixture.reopen(directory)
        #expect(try Self.results(restarted, kb: kb) == expected)
        let pending = try await restarted.database.read { db in try IndexChangeRecord.fetchCount(db) }
        #expect(pending == 0, "applied changes are pruned")
        #expect(try restarted.index.appliedSequence() > 0)
        // A second start finds nothing to do.
        #expect(try await restarted.catchUpIndex() == 0)
    }
}
