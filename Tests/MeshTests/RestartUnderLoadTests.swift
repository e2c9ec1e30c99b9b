import Foundation
import NIOCore
import NIOHTTP1
import OutboundHTTP
import Synchronization
import TestSupport
import Testing
import Wire

@testable import Mesh

/// Services restarted under a stream of queries and user reads, through the real gateway:
/// every request ends with an answer or a clean 503/504 envelope, none hangs, each service is
/// healthy again within 3 s, and nothing written before is lost.
@Suite struct RestartUnderLoadTests {
    static let adminToken = "restart-test-admin-token-0123456789"

    static func yaml() -> String {
        """
        supervision:
          backoff_initial: 20ms
          backoff_max: 200ms
          # Exits are seen at once (waitpid); health checks are lenient so that a machine busy
          # with the rest of the test suite does not make a slow answer look like a dead service.
          health_interval: 1s
          health_timeout: 3s
          health_failures: 5
        services:
          users-service:
            health: { wire: users.sock }
          rag-core:
            health: { wire: rag.sock }
          ingest-service:
            depends_on: [rag-core]
            health: { wire: ingest.sock }
          gateway:
            depends_on: [users-service, rag-core, ingest-service]
            health: { http: /api/v1/health }

        """
    }

    /// What happened to the requests of one phase.
    actor Tally {
        var phase = "steady"
        var counts: [String: [String: Int]] = [:]
        var slowest: Duration = .zero
        var malformed: [String] = []

        func enter(_ phase: String) { self.phase = phase }

        func record(_ outcome: String, took: Duration) {
            counts[phase, default: [:]][outcome, default: 0] += 1
            slowest = max(slowest, took)
        }

        func malformedAnswer(_ description: String) { malformed.append(description) }

        var connectionFailures: [String] = []
        func connectionFailed(_ description: String) { connectionFailures.append("\(phase): \(description)") }
    }

    @Test func everyRequestEndsCleanlyWhileServicesRestart() async throws {
        let directory = try TemporaryDirectory(prefix: "load")
        try Self.yaml().write(toFile: directory.file("mesh.yaml"), atomically: true, encoding: .utf8)
        let port = try freeLocalPort()
        let environment = [
            "MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data"), "MESH_ENV_FILE": "/nonexistent/.env",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GATEWAY_PORT": String(port),
            "ADMIN_API_TOKEN": Self.adminToken, "BOT_API_SECRET": "restart-test-bot-secret-0123456789", "WIRE_TIMEOUT_MS": "2000",
        ]
        let mesh = try MeshProcess(["up", "--config", "mesh.yaml", "--bin-dir", BuildProducts.directory], environment: environment, directory: directory.path)
        let base = "http://127.0.0.1:\(port)/api/v1"
        let http = HTTPClient.shared
        func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> (status: Int, body: String) {
            var request = HTTPClientRequest(url: base + path, method: method)
            request.headers.add(name: "Authorization", value: "Bearer \(Self.adminToken)")
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = ByteBuffer(string: body)
            }
            let response = try await http.execute(request, timeout: .seconds(5), maxBodyBytes: 1 << 20)
            return (Int(response.status.code), String(buffer: response.body))
        }
        func healthy() async -> Bool { (try? await send(.GET, "/health").status) == 200 }

        #expect(await eventually(timeout: .seconds(30)) { await healthy() }, "mesh did not come up: \(mesh.stderr.suffix(2000))")
        // Data written before any restart.
        #expect(try await send(.POST, "/users", #"{"telegram_id":77,"first_name":"Load"}"#).status == 201)
        let created = try await send(.POST, "/knowledge-bases", #"{"slug":"load","name":"Load"}"#)
        #expect(created.status == 201)
        let knowledgeBaseID = try #require((try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])
            .flatMap { ($0["knowledge_base"] as? [String: Any])?["id"] as? Int })
        let document = #"{"title":"Restarts","source_uri":"notes/restarts.md","text":"A service restarted by the mesh is back within seconds."}"#
        #expect(try await send(.POST, "/knowledge-bases/\(knowledgeBaseID)/documents", document).status == 201)

        let tally = Tally()
        var queuedTasks: [Int] = []
        let control = WireClient(configuration: .init(socketPath: directory.file("run/mesh.sock"), serviceName: "mesh"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            let stop = ContinuousClock.now + .seconds(60)
            let done = ManagedAtomicFlag()
            for worker in 0..<2 {
                group.addTask {
                    while !done.isSet, ContinuousClock.now < stop {
                        let started = ContinuousClock.now
                        let outcome: String
                        do {
                            let answer = worker % 2 == 0
                                ? try await send(.POST, "/rag/query", #"{"question":"How fast is a restarted service back?"}"#)
                                : try await send(.GET, "/users/77")
                            if answer.status == 200 {
                                outcome = "ok"
                            } else {
                                let code = ((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any])
                                    .flatMap { ($0["error"] as? [String: Any])?["code"] as? String }
                                if code == nil || ![503, 504].contains(answer.status) {
                                    await tally.malformedAnswer("\(answer.status) \(answer.body.prefix(200))")
                                }
                                outcome = String(answer.status)
                            }
                        } catch {
                            // Only while the gateway itself is down may a connection fail.
                            outcome = "connection failed"
                            await tally.connectionFailed("\(error)")
                        }
                        await tally.record(outcome, took: ContinuousClock.now - started)
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            await tally.enter("mesh restart rag-core")
            let restart = try await MeshProcess.run(["restart", "rag-core"], environment: environment, directory: directory.path)
            #expect(restart.status == 0)
            for service in ["users-service", "rag-core", "ingest-service", "gateway"] {
                try await Task.sleep(for: .milliseconds(300))
                if service == "ingest-service" {
                    // Jobs accepted a moment before the kill, most still queued or running when it lands.
                    for index in 0..<3 {
                        let upload = try await send(
                            .POST, "/ingestion/files?knowledge_base=\(knowledgeBaseID)&filename=queued-\(index).md",
                            "# Queued \(index)\n\nJob \(index) was accepted just before ingest-service was killed.")
                        #expect(upload.status == 202, "\(upload.body)")
                        let task = (try? JSONSerialization.jsonObject(with: Data(upload.body.utf8))) as? [String: Any]
                        if let id = task?["task_id"] as? Int { queuedTasks.append(id) }
                    }
                }
                await tally.enter("kill -9 \(service)")
                let status = try await control.call(MeshStatus.self, WireEmpty(), .background("test"))
                let pid = try #require(status.services.first { $0.name == service }?.pid)
                let killed = ContinuousClock.now
                kill(pid, SIGKILL)
                let back = await eventually(timeout: .seconds(10)) {
                    let now = try? await control.call(MeshStatus.self, WireEmpty(), .background("test"))
                    let entry = now?.services.first { $0.name == service }
                    return entry?.pid != pid && entry?.state == .running && entry?.health == "ok"
                }
                let took = ContinuousClock.now - killed
                print("restart-under-load: \(service) healthy again after \(took)")
                #expect(back && took < .seconds(3), "\(service) back after \(took)")
            }
            try await Task.sleep(for: .milliseconds(300))
            done.set()
            try await group.waitForAll()
        }

        let counts = await tally.counts
        let connectionFailures = await tally.connectionFailures
        for (phase, outcomes) in counts.sorted(by: { $0.key < $1.key }) {
            print("restart-under-load: \(phase): \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            if phase != "kill -9 gateway" {
                #expect(outcomes["connection failed"] == nil, "\(phase): \(outcomes) \(connectionFailures)")
            }
        }
        let malformed = await tally.malformed
        #expect(malformed.isEmpty, "\(malformed)")
        #expect(await tally.slowest < .seconds(5), "no request hangs")
        // Nothing written before the restarts is lost.
        #expect(try await send(.GET, "/users/77").status == 200)
        #expect(try await send(.GET, "/knowledge-bases/\(knowledgeBaseID)/documents").body.contains("notes/restarts.md"))
        // Ingestion jobs accepted before ingest-service was killed are resumed and finish.
        #expect(queuedTasks.count == 3)
        for task in queuedTasks {
            var state = ""
            let finished = await eventually(timeout: .seconds(30)) {
                let answer = try? await send(.GET, "/ingestion/tasks/\(task)")
                state = ((answer.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) }) as? [String: Any])?["state"] as? String ?? ""
                return state == "succeeded" || state == "failed" || state == "cancelled"
            }
            #expect(finished && state == "succeeded", "task \(task): \(state)")
        }
        let documents = try await send(.GET, "/knowledge-bases/\(knowledgeBaseID)/documents").body
        #expect((0..<3).allSatisfy { documents.contains("queued-\($0).md") }, "\(documents)")

        await control.close()
        mesh.send(SIGTERM)
        #expect(await mesh.waitForExit(timeout: .seconds(30)) == 0)
    }
}

/// A flag set once by one task and read by others.
final class ManagedAtomicFlag: Sendable {
    private let flag = Synchronization.Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
