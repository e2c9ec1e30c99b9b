import Foundation
import Logging
import ServiceSupport
import Testing
import TestSupport
import Wire

@testable import RAGCore

/// `rag-core reindex` rebuilds a lost index from `kb.sqlite` with the same results.
@Suite struct ReindexTests {
    @Test func rebuiltIndexAnswersLikeTheOriginal() async throws {
        let directory = try TemporaryDirectory(prefix: "ragcore")
        let configuration = RAGCoreConfiguration(layout: MeshLayout(runDirectory: directory.file("run"), dataDirectory: directory.path))
        var expected: [[Int64]] = []
        var kb: Int64 = 0
        do {
            let store = try await KnowledgeFixture.reopen(directory)
            kb = try await store.create(slug: "handbook", name: "Handbook", description: nil, language: .auto, createdBy: "test").id
            for document in SampleCorpus.documents(kb: kb) {
                _ = try await store.putDocument(document)
            }
            expected = try IndexReplayTests.results(store, kb: kb)
            // While the store holds the index, reindexing refuses and leaves it alone.
            await #expect(throws: SearchIndex.Error.self) {
                _ = try await reindexRAGCore(configuration: configuration, logger: Logger(label: "test"))
            }
        }
        // The index is lost.
        try FileManager.default.removeItem(atPath: directory.file("kb.xapian"))
        try FileManager.default.createDirectory(atPath: directory.file("kb.xapian"), withIntermediateDirectories: true)

        let chunks = try await reindexRAGCore(configuration: configuration, logger: Logger(label: "test"))
        #expect(chunks == 6)
        let reopened = try await KnowledgeFixture.reopen(directory)
        #expect(try IndexReplayTests.results(reopened, kb: kb) == expected)
        #expect(try await reopened.catchUpIndex() == 0)
    }
}
