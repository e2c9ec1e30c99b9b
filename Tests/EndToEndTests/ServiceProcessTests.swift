import Foundation
import Testing
import TestSupport
import Wire

/// The real service executables: they start on their sockets, answer `sys.health`, log JSON
/// lines, refuse bad settings with a message naming the variable, and stop cleanly on SIGTERM.
@Suite struct ServiceProcessTests {
    static let services: [(executable: String, socket: String)] = [
        ("users-service", "users.sock"),
        ("rag-core", "rag.sock"),
        ("ingest-service", "ingest.sock"),
    ]

    @Test("each service answers sys.health and stops cleanly on SIGTERM", arguments: services.map(\.executable))
    func healthAndCleanStop(executable: String) async throws {
        let socketName = try #require(Self.services.first { $0.executable == executable }?.socket)
        let directory = try TemporaryDirectory()
        let socketPath = directory.file("run/\(socketName)")
        let process = try ServiceProcess(
            executable,
            environment: ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data")],
            logDirectory: directory.path
        )
        let client = WireClient(configuration: .init(socketPath: socketPath, serviceName: executable))
        #expect(await client.waitUntilHealthy())
        let info = try await client.call(SysInfo.self, WireEmpty(), WireContext(correlationID: "e2e-corr-1", telegramID: 77))
        #expect(info.service == executable)
        #expect(info.pid == process.pid)
        await client.close()

        #expect(await process.stop(signal: SIGTERM) == 0)
        #expect(!FileManager.default.fileExists(atPath: socketPath), "socket removed on exit")

        // Every stderr line is one JSON object with the fixed keys.
        let lines = process.logLines()
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            #expect(object["service"] as? String == executable)
            #expect(object["ts"] is String && object["level"] is String && object["msg"] is String)
        }
    }

    @Test("an invalid setting stops the process with a message naming the variable")
    func invalidSetting() async throws {
        let directory = try TemporaryDirectory()
        let process = try ServiceProcess(
            "users-service",
            environment: ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data"), "WIRE_MAX_FRAME": "lots"],
            logDirectory: directory.path
        )
        #expect(await process.waitForExit(timeout: .seconds(10)) == 2)
        #expect(process.logLines().joined().contains("WIRE_MAX_FRAME"))
    }

    @Test("a second process cannot take over a live socket")
    func liveSocketIsNotStolen() async throws {
        let directory = try TemporaryDirectory()
        let environment = ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data")]
        let first = try ServiceProcess("ingest-service", environment: environment, logDirectory: directory.path)
        let client = WireClient(configuration: .init(socketPath: directory.file("run/ingest.sock"), serviceName: "ingest-service"))
        #expect(await client.waitUntilHealthy())
        let secondDirectory = try TemporaryDirectory()
        let second = try ServiceProcess("ingest-service", environment: environment, logDirectory: secondDirectory.path)
        #expect(await second.waitForExit(timeout: .seconds(10)) == 1)
        #expect(second.logLines().joined().contains("already serving"))
        #expect(try await client.call(SysInfo.self, WireEmpty(), .background("t")).pid == first.pid)
        await client.close()
        #expect(await first.stop() == 0)
    }

    @Test("rag-core reindex rebuilds the index of a stopped service and exits 0")
    func ragCoreReindex() async throws {
        let directory = try TemporaryDirectory()
        let environment = ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data")]
        let service = try ServiceProcess("rag-core", environment: environment, logDirectory: directory.path)
        let client = WireClient(configuration: .init(socketPath: directory.file("run/rag.sock"), serviceName: "rag-core"))
        #expect(await client.waitUntilHealthy())
        await client.close()
        #expect(await service.stop() == 0)
        let reindex = try ServiceProcess("rag-core", arguments: ["reindex"], environment: environment, logDirectory: directory.file("data"))
        #expect(await reindex.waitForExit(timeout: .seconds(20)) == 0)
        #expect(reindex.logLines().contains { $0.contains("search index rebuilt") })
    }
}

/// A first start with `DEMO_DOCS_DIR` has a knowledge base to ask at once.
@Suite struct DemoKnowledgeBaseTests {
    @Test("rag-core loads the project's docs as the demo knowledge base, once")
    func demoIsLoadedOnce() async throws {
        let directory = try TemporaryDirectory()
        let docs = (BuildProducts.packageRoot as NSString).appendingPathComponent("docs")
        let environment = ["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data"), "DEMO_DOCS_DIR": docs]
        for start in 1...2 {
            let service = try ServiceProcess("rag-core", environment: environment, logDirectory: directory.path)
            let client = WireClient(configuration: .init(socketPath: directory.file("run/rag.sock"), serviceName: "rag-core"))
            #expect(await client.waitUntilHealthy())
            let knowledgeBases = try await client.call(KBList.self, .init(), .background("t")).knowledgeBases
            #expect(knowledgeBases.map(\.slug) == ["demo"], "start \(start)")
            let answer = try await client.call(RAGQuery.self, .init(question: "How do I back up the SQLite databases?"), .background("t"))
            #expect(answer.answerKind == .extractive)
            #expect(answer.sources.first?.sourceURI == "docs/deploy.md")
            await client.close()
            #expect(await service.stop() == 0)
        }
    }
}
