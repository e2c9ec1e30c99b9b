import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Testing
import Wire

@testable import RAGCore

@Suite struct QueryLogWriterTests {
    static func record(_ question: String, telegramID: Int64? = 42) -> QueryLogRecord {
        QueryLogRecord(
            id: nil, at: Date(timeIntervalSince1970: 1_800_000_000), telegramID: telegramID, knowledgeBaseIDs: "1",
            question: question, answerKind: .extractive, sourceDocumentIDs: "", retrieveMs: 1, generateMs: 1,
            correlationID: "test", helpful: nil, comment: nil)
    }

    /// The log as the database holds it, read without waiting for the writer.
    static func questions(in database: DatabasePool) throws -> [Int64: String] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, question FROM query_log").map { ($0["id"], $0["question"]) })
        }
    }

    @Test("entries appended from many tasks are all written under the ids they were given")
    func concurrentAppends() async throws {
        let fixture = try await KnowledgeFixture()
        let ids = await withTaskGroup(of: (Int64, String).self) { group in
            for n in 0..<500 {
                group.addTask { (fixture.store.logQuery(Self.record("question \(n)")), "question \(n)") }
            }
            return await group.reduce(into: [Int64: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(ids.count == 500)
        #expect(ids.keys.sorted() == Array(1...500))
        await fixture.store.queryLog.flushed()
        #expect(try Self.questions(in: fixture.store.database) == ids)
    }

    @Test("ids continue after a restart, even past entries the log no longer holds")
    func idsContinueAfterRestart() async throws {
        let fixture = try await KnowledgeFixture()
        for n in 1...3 { #expect(fixture.store.logQuery(Self.record("q\(n)")) == Int64(n)) }
        await fixture.store.queryLog.flushed()
        try await fixture.store.database.write { db in try db.execute(sql: "DELETE FROM query_log WHERE id = 3") }
        let reopened = try QueryLogWriter(database: fixture.store.database)
        #expect(reopened.append(Self.record("q4")) == 4)
        await reopened.flushed()
        #expect(try Self.questions(in: fixture.store.database) == [1: "q1", 2: "q2", 4: "q4"])
    }

    @Test("feedback given right after the answer finds its entry; a listing shows it")
    func feedbackRightAfterAnswer() async throws {
        let fixture = try await KnowledgeFixture()
        // The writer is kept busy, so the entry is still queued when the feedback comes.
        fixture.store.database.asyncWriteWithoutTransaction { _ in usleep(200_000) }
        let id = fixture.store.logQuery(Self.record("Как сменить порт?"))
        let rated = try await fixture.store.feedback(logID: id, helpful: true, comment: nil, telegramID: 42)
        #expect(rated.id == id && rated.helpful == true)

        fixture.store.database.asyncWriteWithoutTransaction { _ in usleep(200_000) }
        let next = fixture.store.logQuery(Self.record("А резервные копии?"))
        let listed = try await fixture.store.logEntries(.init())
        #expect(listed.entries.map(\.id) == [next, id])
    }

    @Test("an entry SQLite refuses is left out; the ones queued with it are written")
    func refusedEntryAlone() async throws {
        let fixture = try await KnowledgeFixture()
        let database = fixture.store.database
        // A trigger on the writer's connection refuses one question.
        try await database.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER refuse BEFORE INSERT ON query_log WHEN NEW.question = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        database.asyncWriteWithoutTransaction { _ in usleep(100_000) }  // the three go in one batch
        let first = fixture.store.logQuery(Self.record("first"))
        _ = fixture.store.logQuery(Self.record("refused"))
        let last = fixture.store.logQuery(Self.record("last"))
        await fixture.store.queryLog.flushed()
        #expect(try Self.questions(in: database) == [first: "first", last: "last"])
    }

    @Test("graceful shutdown waits until the queued entries are written")
    func shutdownWritesTheQueue() async throws {
        let fixture = try await KnowledgeFixture()
        let writer = fixture.store.queryLog
        let group = ServiceGroup(configuration: .init(services: [.init(service: writer)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            fixture.store.database.asyncWriteWithoutTransaction { _ in usleep(300_000) }
            let id = fixture.store.logQuery(Self.record("last words"))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            // Read at once, without flushing: the service's end is the promise.
            #expect(try Self.questions(in: fixture.store.database) == [id: "last words"])
        }
    }
}
