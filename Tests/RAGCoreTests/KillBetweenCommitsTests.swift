import Foundation
import GRDB
import Testing
import TestSupport
import Wire

@testable import RAGCore

/// A real `rag-core` process killed (SIGKILL) between a write's SQLite commit and its index
/// commit, then started again, answers exactly as a run that was never interrupted.
///
/// The kill comes from the test-only setting `RAG_FAULT_KILL_AFTER_SQLITE_COMMIT=<n>`: the
/// process kills itself right after the n-th document write commits to `kb.sqlite`, before
/// the index hears of it. No cleanup runs, as in a power cut or an OOM kill.
@Suite struct KillBetweenCommitsTests {
    static let questions = [
        "Где хранятся настройки серверов?", "резервные копии базы", "How do I install the agent on Linux?", "invoices payment",
        "giraffes pay monthly", "порт сервера 8080",
    ]

    /// One rag-core process on `directory`'s data, and a client for it.
    struct Service {
        let process: ServiceProcess
        let client: WireClient

        init(_ directory: TemporaryDirectory, killAfterCommit: Int? = nil, log: String) async throws {
            var environment = ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data")]
            environment["RAG_FAULT_KILL_AFTER_SQLITE_COMMIT"] = killAfterCommit.map(String.init)
            let logs = directory.file(log)
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            process = try ServiceProcess("rag-core", environment: environment, logDirectory: logs)
            client = WireClient(configuration: .init(socketPath: directory.file("run/rag.sock"), serviceName: "rag-core"))
            let healthy = await client.waitUntilHealthy()
            try #require(healthy, "rag-core did not become healthy")
        }

        func put(_ document: RAGPutDocument.Params) async throws -> RAGPutDocument.Status {
            try await client.call(RAGPutDocument.self, document, .background("kill-test")).status
        }
    }

    static let ctx = WireContext(correlationID: "kill-test", telegramID: 7)

    /// The writes both runs make, in order: four documents, then a replacement and a delete.
    static func documents(kb: Int64) -> [RAGPutDocument.Params] {
        SampleCorpus.documents(kb: kb)
    }

    static func replacement(kb: Int64) -> RAGPutDocument.Params {
        KnowledgeFixture.document(kb: kb, uri: "billing.md", title: "Billing", ["Giraffes pay invoices monthly, by bank transfer."])
    }

    /// Everything after the first document writes, shared by both runs.
    static func finish(_ service: Service, kb: Int64) async throws {
        _ = try await service.put(documents(kb: kb)[3])
        #expect(try await service.put(replacement(kb: kb)) == .updated)
        _ = try await service.client.call(RAGDeleteDocument.self, .init(knowledgeBaseID: kb, sourceURI: "backup.md"), ctx)
    }

    /// Each question's sources as (document, chunk, score), best first.
    static func answers(_ service: Service, kb: Int64) async throws -> [[RAGQuery.Result]] {
        var results: [[RAGQuery.Result]] = []
        for question in questions {
            let scoped = try await service.client.call(RAGQuery.self, .init(question: question, knowledgeBaseIDs: [kb], topK: 10), ctx)
            let everywhere = try await service.client.call(RAGQuery.self, .init(question: question, topK: 10), ctx)
            results.append([scoped, everywhere])
        }
        return results
    }

    @Test("SIGKILL after the SQLite commit, before the index commit: after a restart, results equal an uninterrupted run")
    func killedRunMatchesUninterruptedRun() async throws {
        // The uninterrupted run.
        let referenceDirectory = try TemporaryDirectory(prefix: "ragkill-ref")
        let reference = try await Service(referenceDirectory, log: "logs")
        let referenceKB = try await reference.client.call(KBCreate.self, .init(slug: "handbook", name: "Handbook", language: .auto), Self.ctx).knowledgeBase.id
        for document in Self.documents(kb: referenceKB).prefix(3) {
            #expect(try await reference.put(document) == .created)
        }
        try await Self.finish(reference, kb: referenceKB)
        let expected = try await Self.answers(reference, kb: referenceKB)
        await reference.client.close()
        #expect(await reference.process.stop() == 0)

        // The interrupted run: the third document write kills the process once in kb.sqlite.
        let directory = try TemporaryDirectory(prefix: "ragkill")
        let doomed = try await Service(directory, killAfterCommit: 3, log: "logs-killed")
        let kb = try await doomed.client.call(KBCreate.self, .init(slug: "handbook", name: "Handbook", language: .auto), Self.ctx).knowledgeBase.id
        #expect(kb == referenceKB)
        let documents = Self.documents(kb: kb)
        #expect(try await doomed.put(documents[0]) == .created)
        #expect(try await doomed.put(documents[1]) == .created)
        await #expect(throws: WireError.self) { try await doomed.put(documents[2]) }
        let status = await doomed.process.waitForExit(timeout: .seconds(10))
        #expect(status == SIGKILL, "rag-core should have killed itself, exit status \(String(describing: status))")
        await doomed.client.close()

        // The window really was hit: the document is in kb.sqlite, the index is one change behind.
        do {
            let database = try DatabaseQueue(path: directory.file("data/kb.sqlite"))
            let stored = try await database.read { db in
                try String.fetchAll(db, sql: "SELECT source_uri FROM document ORDER BY id")
            }
            #expect(stored == ["server.md", "backup.md", "install.md"])
            let latest = try await database.read { db in try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM index_change") } ?? 0
            let index = try SearchIndex(directory: directory.file("data/kb.xapian"))
            #expect(try index.appliedSequence() < latest)
            #expect(try index.documentCount() == 3, "the index holds the first two documents' chunks only")
        }

        // Restart without the fault: the missing change is replayed before serving.
        let restarted = try await Service(directory, log: "logs-restarted")
        #expect(try await restarted.put(documents[2]) == .unchanged, "the killed write had committed to SQLite")
        try await Self.finish(restarted, kb: kb)
        let actual = try await Self.answers(restarted, kb: kb)
        await restarted.client.close()
        #expect(await restarted.process.stop() == 0)

        #expect(actual.count == expected.count)
        for (question, (got, want)) in zip(Self.questions, zip(actual, expected)) {
            for (gotResult, wantResult) in zip(got, want) {
                #expect(gotResult.answerKind == wantResult.answerKind, "\(question)")
                #expect(gotResult.answer == wantResult.answer, "\(question)")
                #expect(gotResult.sources.map(\.chunkID) == wantResult.sources.map(\.chunkID), "\(question)")
                #expect(gotResult.sources.map(\.documentID) == wantResult.sources.map(\.documentID), "\(question)")
                for (gotSource, wantSource) in zip(gotResult.sources, wantResult.sources) {
                    #expect(abs(gotSource.score - wantSource.score) < 1e-6, "\(question): \(gotSource.score) vs \(wantSource.score)")
                }
            }
        }
        #expect(expected.flatMap { $0 }.contains { !$0.sources.isEmpty }, "the questions find something")
    }
}
