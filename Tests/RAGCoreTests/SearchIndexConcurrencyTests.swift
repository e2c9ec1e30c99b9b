import Foundation
import Synchronization
import Testing

@testable import RAGCore

@Suite struct SearchIndexConcurrencyTests {
    /// Many tasks search at once while a writer keeps committing: every search must
    /// succeed and see the chunks that were committed before the searches started.
    @Test func concurrentSearchesDuringCommitsAreSafe() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path, maximumIdleReaders: 4)
            let stable = (1...50).map { id in
                IndexedChunk(
                    chunkID: id, knowledgeBaseID: 1, documentID: id, title: "Раздел \(id)",
                    text: "Инструкция номер \(id) по настройке принтера и сканера", language: .automatic)
            }
            try index.upsert(chunks: stable)
            try index.commit(appliedSequence: 1)

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for round in 0..<40 {
                        let id = Int64(1000 + round)
                        try index.upsert(chunks: [
                            IndexedChunk(
                                chunkID: id, knowledgeBaseID: 2, documentID: id, title: "",
                                text: "Временная заметка \(round) про принтер", language: .automatic)
                        ])
                        try index.commit(appliedSequence: Int64(2 + round))
                        await Task.yield()
                    }
                }
                for task in 0..<16 {
                    group.addTask {
                        for query in 0..<60 {
                            let hits = try index.search(
                                query: "настройка принтеров", knowledgeBaseIDs: [1], language: .automatic, topK: 100)
                            #expect(hits.count == 50, "task \(task) query \(query)")
                            #expect(hits.allSatisfy { $0.knowledgeBaseID == 1 })
                            await Task.yield()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try index.appliedSequence() == 41)
            #expect(
                try index.search(query: "заметка", knowledgeBaseIDs: [2], language: .automatic, topK: 100).count == 40)
        }
    }

    /// A reader left at a revision that later commits have overwritten: with no quick
    /// retries allowed, the search must still answer, from the path that holds commits off.
    @Test func aSearchWhoseRevisionWasDiscardedStillAnswers() async throws {
        try await withTemporaryIndexDirectory { path in
            let index = try SearchIndex(directory: path, maximumIdleReaders: 1, searchRetries: 0)
            func chunks(round: Int) -> [IndexedChunk] {
                (1...200).map { id in
                    IndexedChunk(
                        chunkID: id, knowledgeBaseID: 1, documentID: id, title: "Раздел \(id)",
                        text: "Инструкция \(round) номер \(id) по настройке принтера " + String(repeating: "слово\(round) ", count: 40),
                        language: .automatic)
                }
            }
            try index.upsert(chunks: chunks(round: 0))
            try index.commit(appliedSequence: 1)
            // The one idle reader is now open at this revision…
            #expect(try index.search(query: "принтер", knowledgeBaseIDs: [1], language: .automatic, topK: 5).count == 5)
            // …and three commits rewrite every chunk behind its back.
            for round in 1...3 {
                try index.upsert(chunks: chunks(round: round))
                try index.commitUnseenByIdleReaders(appliedSequence: Int64(1 + round))
            }
            let hits = try index.search(query: "слово3", knowledgeBaseIDs: [1], language: .automatic, topK: 5)
            #expect(hits.count == 5)
            #expect(index.searchesWithCommitsHeld.load(ordering: .relaxed) == 1)
        }
    }
}
