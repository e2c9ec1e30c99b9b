import Foundation
import Testing
import TestSupport
import Wire

@testable import RAGCore

/// `sources.list` in the store: filters, paging and refusals, without the HTTP stack.
@Suite struct SourcesListingTests {
    @Test func filtersByKnowledgeBaseAndTextAndPages() async throws {
        let fixture = try await KnowledgeFixture()
        let handbook = try await fixture.knowledgeBase("handbook").id
        let ops = try await fixture.knowledgeBase("ops", language: .en).id
        try await SampleCorpus.load(into: fixture, kb: handbook)
        _ = try await fixture.store.putDocument(KnowledgeFixture.document(kb: ops, uri: "runbooks/СЕРВЕР-restart.md", title: "Restarts", ["Restart the server after an upgrade."]))

        let all = try await fixture.store.sources(SourcesList.Params())
        #expect(all.sources.map(\.sourceURI) == ["server.md", "backup.md", "install.md", "billing.md", "runbooks/СЕРВЕР-restart.md"])
        #expect(all.sources.last?.knowledgeBaseSlug == "ops")
        #expect(all.next == nil)

        // Case is ignored for Cyrillic too, in titles ("Настройка сервера") and URIs ("СЕРВЕР").
        let server = try await fixture.store.sources(SourcesList.Params(query: "  Сервер "))
        #expect(server.sources.map(\.sourceURI) == ["server.md", "runbooks/СЕРВЕР-restart.md"])
        let scoped = try await fixture.store.sources(SourcesList.Params(knowledgeBaseIDs: [ops, ops], query: "сервер"))
        #expect(scoped.sources.map(\.knowledgeBaseID) == [ops])
        // `%` and `_` are plain characters, not LIKE patterns.
        #expect(try await fixture.store.sources(SourcesList.Params(query: "%")).sources.isEmpty)

        let first = try await fixture.store.sources(SourcesList.Params(limit: 2))
        let cursor = try #require(first.next)
        let second = try await fixture.store.sources(SourcesList.Params(limit: 2, cursor: cursor))
        let secondCursor = try #require(second.next)
        let third = try await fixture.store.sources(SourcesList.Params(limit: 2, cursor: secondCursor))
        #expect((first.sources + second.sources + third.sources).map(\.documentID) == all.sources.map(\.documentID))
        #expect(third.next == nil)

        await #expect(throws: KnowledgeStore.Error.knowledgeBaseNotFound(id: 999)) {
            try await fixture.store.sources(SourcesList.Params(knowledgeBaseIDs: [handbook, 999]))
        }
        let foreign = try await fixture.store.documents(knowledgeBaseID: handbook, limit: 1, cursor: nil).next
        await #expect(throws: KnowledgeStore.Error.self) {
            try await fixture.store.sources(SourcesList.Params(cursor: foreign))
        }
        await #expect(throws: KnowledgeStore.Error.self) {
            try await fixture.store.sources(SourcesList.Params(query: String(repeating: "x", count: 201)))
        }
    }
}
