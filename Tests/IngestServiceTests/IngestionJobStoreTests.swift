import Foundation
import Logging
import TestSupport
import Testing
import Wire

@testable import IngestService

/// The jobs store on a real `jobs.sqlite`: claiming with leases, per-item results, resume
/// after an owner died, cancel and retry.
@Suite struct IngestionJobStoreTests {
    static func store() throws -> (IngestionJobStore, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        return (IngestionJobStore(database: try JobsDatabase.open(path: directory.file("jobs.sqlite"))), directory)
    }

    static let source = IngestSource(url: .init(url: "https://example.org/"))

    @Test("a claimed task records each item once and resumes after them under a new owner")
    func claimRecordResume() async throws {
        let (store, directory) = try Self.store()
        _ = directory
        let queued = try await store.submit(
            knowledgeBaseID: 1, submittedBy: 42, kind: .url, source: "https://example.org/", spec: Self.source)
        #expect(queued.state == .queued && queued.attempts == 0 && queued.submittedBy == 42)
        let claimed = try #require(try await store.claimNext(owner: "a", lease: .seconds(60)))
        #expect(claimed.state == .running && claimed.attempts == 1)
        #expect(try await store.claimNext(owner: "a", lease: .seconds(60)) == nil)
        try await store.progress(queued.id, stage: .indexing, itemsTotal: 4)
        try await store.finishItem(queued.id, name: "one", outcome: .indexed, sourceURI: "u1", bytes: 10)
        try await store.finishItem(queued.id, name: "one", outcome: .indexed, sourceURI: "u1", bytes: 10)
        try await store.finishItem(queued.id, name: "two", outcome: .failed, reason: "broken", bytes: 5)
        var task = try await store.task(queued.id)
        #expect(task.items == .init(total: 4, done: 2, indexed: 1, unchanged: 0, skipped: 0, failed: 1))
        #expect(task.failures == [.init(item: "two", reason: "broken")])
        #expect(task.percent == 50 && task.bytes.done == 15)

        // The owner dies; a new start takes the task back and it resumes after its items.
        #expect(try await store.requeueAbandoned(owner: "b", expiredOnly: false) == [queued.id])
        let again = try #require(try await store.claimNext(owner: "b", lease: .seconds(60)))
        #expect(again.attempts == 2)
        #expect(try await store.finishedItems(of: queued.id) == ["one", "two"])
        task = try await store.finish(queued.id, state: .succeeded)
        #expect(task.state == .succeeded && task.percent == 100 && task.finishedAt != nil && task.stage == nil)
    }

    @Test("cancel ends a queued task at once and flags a running one; retry requeues and forgets failed items")
    func cancelAndRetry() async throws {
        let (store, directory) = try Self.store()
        _ = directory
        let first = try await store.submit(knowledgeBaseID: 1, submittedBy: nil, kind: .url, source: "a", spec: Self.source)
        let second = try await store.submit(knowledgeBaseID: 1, submittedBy: nil, kind: .url, source: "b", spec: Self.source)
        _ = try await store.claimNext(owner: "a", lease: .seconds(60))
        let (running, runningEnded) = try await store.cancel(first.id)
        #expect(running.state == .running && !runningEnded)
        #expect(try await store.finishItem(first.id, name: "x", outcome: .failed, reason: "bad") == true)
        let (queued, queuedEnded) = try await store.cancel(second.id)
        #expect(queued.state == .cancelled && queuedEnded)
        await #expect(throws: IngestionJobStore.Error.self) { try await store.retry(first.id) }
        _ = try await store.finish(first.id, state: .cancelled)
        let retried = try await store.retry(first.id)
        #expect(retried.state == .queued && retried.items.done == 0 && retried.items.failed == 0 && retried.failures.isEmpty)
        #expect(try await store.finishedItems(of: first.id).isEmpty)
        await #expect(throws: IngestionJobStore.Error.notFound(taskID: 99)) { try await store.task(99) }
    }

    @Test("a cancel noticed inside an item (a single file's stages) stops the task and fails no item")
    func cancelInsideItem() async throws {
        let (store, directory) = try Self.store()
        _ = directory
        let submitted = try await store.submit(knowledgeBaseID: 1, submittedBy: nil, kind: .file, source: "a.txt", spec: Self.source)
        let record = try #require(try await store.claimNext(owner: "a", lease: .seconds(60)))
        let rag = WireClient(configuration: .init(socketPath: directory.file("absent.sock"), serviceName: "rag-core"))
        let run = try await IngestionRun(record: record, store: store, indexer: DocumentIndexer(rag: rag), logger: Logger(label: "test"))
        _ = try await store.cancel(submitted.id)
        await #expect(throws: IngestionJobRunner.Cancelled.self) {
            try await run.item("a.txt") {
                try await run.stage(.chunking)
                return .skipped("not reached")
            }
        }
        let task = try await store.task(submitted.id)
        #expect(task.items.failed == 0 && task.failures.isEmpty)
        #expect(try await store.finishedItems(of: submitted.id).isEmpty)
    }

    @Test("listing filters, pages newest first and refuses a foreign cursor")
    func listing() async throws {
        let (store, directory) = try Self.store()
        _ = directory
        for kb in [1, 2, 1, 1] as [Int64] {
            _ = try await store.submit(knowledgeBaseID: kb, submittedBy: kb == 2 ? 7 : nil, kind: .url, source: "s", spec: Self.source)
        }
        let page = try await store.list(.init(knowledgeBaseID: 1, limit: 2))
        #expect(page.tasks.map(\.id) == [4, 3])
        let next = try await store.list(.init(knowledgeBaseID: 1, limit: 2, cursor: page.nextCursor))
        #expect(next.tasks.map(\.id) == [1] && next.nextCursor == nil)
        #expect(try await store.list(.init(submittedBy: 7)).tasks.map(\.id) == [2])
        await #expect(throws: IngestionJobStore.Error.self) { try await store.list(.init(cursor: "bogus")) }
        await #expect(throws: IngestionJobStore.Error.self) { try await store.list(.init(limit: 0)) }
    }
}
