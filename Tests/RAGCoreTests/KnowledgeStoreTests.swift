import Foundation
import GRDB
import Testing
import Wire

@testable import RAGCore

@Suite struct KnowledgeStoreTests {
    @Test func knowledgeBaseLifecycle() async throws {
        let fixture = try await KnowledgeFixture()
        let created = try await fixture.store.create(slug: "handbook", name: " Handbook ", description: "Team", language: .ru, createdBy: "telegram:7")
        #expect(created.name == "Handbook")
        #expect(created.language == .ru)
        #expect(created.createdBy == "telegram:7")
        #expect(try await fixture.store.knowledgeBase(created.id) == created)

        await #expect(throws: KnowledgeStore.Error.slugTaken("handbook")) {
            _ = try await fixture.store.create(slug: "handbook", name: "Other", description: nil, language: nil, createdBy: "t")
        }
        await #expect(throws: KnowledgeStore.Error.invalid(field: "slug", reason: "must be 1 to 64 lowercase letters, digits or '-', not starting with '-'")) {
            _ = try await fixture.store.create(slug: "Bad Slug", name: "Other", description: nil, language: nil, createdBy: "t")
        }

        let (updated, changed) = try await fixture.store.update(created.id, slug: nil, name: "Handbook 2", description: "Team", language: .en)
        #expect(changed == ["name", "language"])
        #expect(updated.name == "Handbook 2")
        let (_, unchanged) = try await fixture.store.update(created.id, slug: "handbook", name: "Handbook 2", description: nil, language: nil)
        #expect(unchanged.isEmpty)

        let deleted = try await fixture.store.delete(created.id)
        #expect(deleted.id == created.id)
        await #expect(throws: KnowledgeStore.Error.knowledgeBaseNotFound(id: created.id)) {
            _ = try await fixture.store.knowledgeBase(created.id)
        }
    }

    @Test func listingPagesWithCursor() async throws {
        let fixture = try await KnowledgeFixture()
        for slug in ["a", "b", "c", "d", "e"] {
            _ = try await fixture.knowledgeBase(slug)
        }
        var slugs: [String] = []
        var cursor: String?
        repeat {
            let page = try await fixture.store.knowledgeBases(limit: 2, cursor: cursor)
            #expect(page.knowledgeBases.count <= 2)
            slugs += page.knowledgeBases.map(\.slug)
            cursor = page.next
        } while cursor != nil
        #expect(slugs == ["a", "b", "c", "d", "e"])
        await #expect(throws: KnowledgeStore.Error.self) { _ = try await fixture.store.knowledgeBases(limit: 2, cursor: "bm9wZQ") }
        await #expect(throws: KnowledgeStore.Error.self) { _ = try await fixture.store.knowledgeBases(limit: 0, cursor: nil) }
    }

    @Test func replacingADocumentLeavesNoStaleChunks() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        let first = try await fixture.store.putDocument(
            KnowledgeFixture.document(kb: kb, uri: "a.md", title: "Pets", ["Giraffes eat leaves.", "Penguins swim fast."], hash: "v1"))
        #expect(first.status == .created)
        #expect(try fixture.search("penguins", kb: kb).count == 1)

        let second = try await fixture.store.putDocument(
            KnowledgeFixture.document(kb: kb, uri: "a.md", title: "Pets", ["Zebras run in herds."], hash: "v2"))
        #expect(second.status == .updated)
        #expect(second.document.id == first.document.id)
        #expect(second.document.chunkCount == 1)
        #expect(try fixture.search("penguins", kb: kb).isEmpty)
        #expect(try fixture.search("giraffes", kb: kb).isEmpty)
        #expect(try fixture.search("zebras", kb: kb).count == 1)
        let rows = try await fixture.store.database.read { db in try ChunkRecord.fetchCount(db) }
        #expect(rows == 1)
        #expect(try fixture.store.index.documentCount() == 1)
    }

    @Test func sameContentHashIsANoOp() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        let params = KnowledgeFixture.document(kb: kb, uri: "a.md", title: "Pets", ["Giraffes eat leaves."], hash: "same")
        let first = try await fixture.store.putDocument(params)
        var again = params
        again.chunks = [DocumentChunk(text: "Different text that must be ignored.", charStart: 0, charEnd: 10)]
        let second = try await fixture.store.putDocument(again)
        #expect(second.status == .unchanged)
        #expect(second.document == first.document)
        #expect(try fixture.search("giraffes", kb: kb).count == 1)
        #expect(try fixture.search("ignored", kb: kb).isEmpty)
    }

    @Test func deletingRemovesRowsAndIndexEntries() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        let other = try await fixture.knowledgeBase("other").id
        let kept = try await fixture.store.putDocument(KnowledgeFixture.document(kb: other, uri: "k.md", title: "Kept", ["Giraffes stay here."]))
        let a = try await fixture.store.putDocument(KnowledgeFixture.document(kb: kb, uri: "a.md", title: "A", ["Giraffes eat leaves."]))
        _ = try await fixture.store.putDocument(KnowledgeFixture.document(kb: kb, uri: "b.md", title: "B", ["Penguins swim fast."]))

        let removed = try await fixture.store.deleteDocument(knowledgeBaseID: kb, documentID: a.document.id, sourceURI: nil)
        #expect(removed.sourceURI == "a.md")
        #expect(try fixture.search("giraffes", kb: kb).isEmpty)
        await #expect(throws: KnowledgeStore.Error.documentNotFound(knowledgeBaseID: kb, reference: "a.md")) {
            _ = try await fixture.store.deleteDocument(knowledgeBaseID: kb, documentID: nil, sourceURI: "a.md")
        }
        // Another knowledge base's document cannot be deleted through this one.
        await #expect(throws: KnowledgeStore.Error.self) {
            _ = try await fixture.store.deleteDocument(knowledgeBaseID: kb, documentID: kept.document.id, sourceURI: nil)
        }

        let deleted = try await fixture.store.delete(kb)
        #expect(deleted.documentCount == 1)
        #expect(try fixture.search("penguins", kb: kb).isEmpty)
        #expect(try fixture.search("giraffes", kb: other).count == 1)
        let (documents, chunks) = try await fixture.store.database.read { db in
            (try DocumentRecord.fetchCount(db), try ChunkRecord.fetchCount(db))
        }
        #expect(documents == 1 && chunks == 1)
    }

    @Test func documentsListPerKnowledgeBase() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase().id
        for index in 0..<5 {
            _ = try await fixture.store.putDocument(KnowledgeFixture.document(kb: kb, uri: "\(index).md", title: "Doc \(index)", ["Text \(index)."]))
        }
        let first = try await fixture.store.documents(knowledgeBaseID: kb, limit: 3, cursor: nil)
        #expect(first.documents.map(\.sourceURI) == ["0.md", "1.md", "2.md"])
        let second = try await fixture.store.documents(knowledgeBaseID: kb, limit: 3, cursor: first.next)
        #expect(second.documents.map(\.sourceURI) == ["3.md", "4.md"])
        #expect(second.next == nil)
        await #expect(throws: KnowledgeStore.Error.knowledgeBaseNotFound(id: 99)) {
            _ = try await fixture.store.documents(knowledgeBaseID: 99, limit: nil, cursor: nil)
        }
    }

    @Test func languageChangeReanalysesChunks() async throws {
        let fixture = try await KnowledgeFixture()
        let kb = try await fixture.knowledgeBase(language: .en).id
        _ = try await fixture.store.putDocument(KnowledgeFixture.document(kb: kb, uri: "a.md", title: "Сервер", ["Настройки сервера хранятся в файле."]))
        // English analysis leaves Russian words unstemmed: another word form misses.
        #expect(try fixture.search("настройка", kb: kb, language: .english).isEmpty)
        _ = try await fixture.store.update(kb, slug: nil, name: nil, description: nil, language: .ru)
        #expect(try fixture.search("настройка", kb: kb, language: .russian).count == 1)
    }
}
