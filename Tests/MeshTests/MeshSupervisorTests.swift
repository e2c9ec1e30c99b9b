import Foundation
import Logging
import TestSupport
import Testing
import Wire

@testable import Mesh

/// The supervisor with the real service executables: start order, restarts after a crash,
/// restarts on request, and crash loops.
@Suite struct MeshSupervisorTests {
    static let threeServices = """
        services:
          users-service:
            health: { wire: users.sock }
          rag-core:
            health: { wire: rag.sock }
          ingest-service:
            depends_on: [rag-core]
            health: { wire: ingest.sock }

        """

    @Test("services start after their dependencies are healthy, and status shows the real pids")
    func dependencyOrder() async throws {
        try await MeshHarness.run(services: Self.threeServices) { mesh in
            #expect(await mesh.waitUntilRunning(["users-service", "rag-core", "ingest-service"]))
            let ragHealthy = try #require(mesh.log.firstIndex(of: "service healthy", name: "rag-core"))
            let ingestStarting = try #require(mesh.log.firstIndex(of: "service starting", name: "ingest-service"))
            #expect(ragHealthy < ingestStarting, "ingest-service depends on rag-core")

            for (name, socket) in [("users-service", "users.sock"), ("rag-core", "rag.sock"), ("ingest-service", "ingest.sock")] {
                let client = mesh.client(socket: socket, service: name)
                let info = try await client.call(SysInfo.self, WireEmpty(), .background("test"))
                await client.close()
                #expect(await mesh.status(of: name)?.pid == info.pid)
            }
        }
    }

    @Test("kill -9 of a service is noticed and it is back within 3 s with restarts == 1")
    func restartAfterKill() async throws {
        try await MeshHarness.run(services: Self.threeServices) { mesh in
            #expect(await mesh.waitUntilRunning(["users-service", "rag-core", "ingest-service"]))
            let before = try #require(await mesh.status(of: "rag-core")?.pid)
            let ingestPID = await mesh.status(of: "ingest-service")?.pid

            let killedAt = ContinuousClock.now
            kill(before, SIGKILL)
            let back = await eventually(timeout: .seconds(3), every: .milliseconds(10)) {
                let status = await mesh.status(of: "rag-core")
                return status?.state == .running && status?.pid != nil && status?.pid != before
            }
            let elapsed = ContinuousClock.now - killedAt
            #expect(back, "rag-core back and healthy within 3 s (took \(elapsed))")
            print("kill -9 of rag-core: running and healthy again after \(elapsed)")

            let status = try #require(await mesh.status(of: "rag-core"))
            #expect(status.restarts == 1)
            #expect(status.lastExit == "signal 9 (SIGKILL)")
            #expect(await mesh.status(of: "ingest-service")?.pid == ingestPID, "a dependent keeps running")
            let client = mesh.client(socket: "rag.sock", service: "rag-core")
            #expect(try await client.call(SysInfo.self, WireEmpty(), .background("test")).pid == status.pid)
            await client.close()
        }
    }

    @Test("mesh.restart gives the service a new pid while the others keep theirs")
    func restartOnRequest() async throws {
        try await MeshHarness.run(services: Self.threeServices) { mesh in
            #expect(await mesh.waitUntilRunning(["users-service", "rag-core", "ingest-service"]))
            let before = Dictionary(uniqueKeysWithValues: await mesh.supervisor.status().map { ($0.name, $0.pid) })

            let result = try await mesh.control.call(
                MeshRestart.self, .init(service: "users-service"), .background("test"), timeout: .seconds(30))
            #expect(result.pid != before["users-service"])
            #expect(result.restarts == 1)

            let after = try await mesh.control.call(MeshStatus.self, WireEmpty(), .background("test")).services
            let users = try #require(after.first { $0.name == "users-service" })
            #expect(users.state == .running && users.pid == result.pid)
            #expect(users.lastExit == "exit 0", "a graceful stop: SIGTERM, clean exit")
            for name in ["rag-core", "ingest-service"] {
                #expect(after.first { $0.name == name }?.pid == before[name], "\(name) keeps its process")
                #expect(after.first { $0.name == name }?.restarts == 0)
            }
            let client = mesh.client(socket: "users.sock", service: "users-service")
            #expect(try await client.call(SysInfo.self, WireEmpty(), .background("test")).pid == result.pid)
            await client.close()

            let unknown = await #expect(throws: WireError.self) {
                try await mesh.control.call(MeshRestart.self, .init(service: "no-such-service"), .background("test"))
            }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test("a service that keeps failing after it ran is marked failed after 5 failures; the rest keep running")
    func crashLoop() async throws {
        let scripts = try TemporaryDirectory(prefix: "flaky")
        // Runs the real users-service the first time, then refuses to start.
        let script = scripts.file("flaky.sh")
        try """
        #!/bin/sh
        if [ -e "$FLAKY_MARKER" ]; then echo "flaky: refusing to start again" >&2; exit 3; fi
        : > "$FLAKY_MARKER"
        exec "$USERS_SERVICE"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let services = """
            services:
              flaky:
                executable: \(script)
                environment:
                  FLAKY_MARKER: \(scripts.file("marker"))
                  USERS_SERVICE: \(BuildProducts.executable("users-service"))
                health: { wire: users.sock }
              rag-core:
                health: { wire: rag.sock }

            """
        try await MeshHarness.run(services: services) { mesh in
            #expect(await mesh.waitUntilRunning(["flaky", "rag-core"]))
            let ragPID = await mesh.status(of: "rag-core")?.pid
            let flakyPID = try #require(await mesh.status(of: "flaky")?.pid)
            kill(flakyPID, SIGKILL)

            #expect(await eventually(timeout: .seconds(10)) { await mesh.status(of: "flaky")?.state == .failed })
            let flaky = try #require(await mesh.status(of: "flaky"))
            #expect(
                flaky.restarts == 4, "the kill and four failed restarts make five failures; the supervisor did:\n\(mesh.log.transcript)")
            #expect(flaky.lastExit == "exit 3")
            #expect(flaky.note?.contains("crash loop") == true)
            #expect(flaky.pid == nil)
            #expect(mesh.log.all.contains { $0.level == .critical && $0.metadata["name"] == "flaky" }, "said loudly")

            let rag = try #require(await mesh.status(of: "rag-core"))
            #expect(rag.state == .running && rag.pid == ragPID)
            let logs = try await mesh.control.call(MeshLogs.self, .init(service: "flaky", lines: 2), .background("test"))
            #expect(logs.lines.last == "flaky: refusing to start again")
        }
    }

    @Test("a running service that stops answering its health checks is restarted after 3 failures")
    func restartAfterFailedHealthChecks() async throws {
        let services = """
            services:
              users-service:
                health: { wire: users.sock }
                stop_grace_period: 300ms
              rag-core:
                health: { wire: rag.sock }

            """
        try await MeshHarness.run(services: services) { mesh in
            #expect(await mesh.waitUntilRunning(["users-service", "rag-core"]))
            let frozen = try #require(await mesh.status(of: "users-service")?.pid)
            // A stopped process keeps its socket (connections are accepted) but never answers.
            kill(frozen, SIGSTOP)
            defer { kill(frozen, SIGKILL) }
            #expect(
                await eventually(timeout: .seconds(15)) {
                    let status = await mesh.status(of: "users-service")
                    return status?.state == .running && status?.pid != nil && status?.pid != frozen
                })
            let status = try #require(await mesh.status(of: "users-service"))
            #expect(status.restarts == 1, "what the supervisor did:\n\(mesh.log.transcript)")
            #expect(status.lastExit?.hasPrefix("health check failed 3 times in a row") == true, "\(status.lastExit ?? "-")")
            #expect(mesh.log.all.contains { $0.message == "health check failed" && $0.metadata["failures"] == "3" })
            #expect(kill(frozen, 0) == -1, "the frozen process was killed after its grace period")
        }
    }

    @Test("a service that exits at once on its first start fails the mesh, naming it")
    func startFailure() async throws {
        let services = """
            services:
              rag-core:
                health: { wire: rag.sock }
              users-service:
                environment: { WIRE_MAX_FRAME: bad }
                health: { wire: users.sock }

            """
        let error = await #expect(throws: MeshSupervisor.Error.self) {
            try await MeshHarness.run(services: services) { mesh in
                // The mesh stops by itself; wait for that instead of stopping it.
                _ = await eventually { await mesh.supervisor.status().allSatisfy { $0.state == .stopped || $0.state == .failed } }
            }
        }
        guard case .startFailed(let service, let reason, let lines) = error else {
            Issue.record("expected startFailed, got \(String(describing: error))")
            return
        }
        #expect(service == "users-service")
        #expect(reason.contains("exit 2"))
        #expect(lines.joined().contains("WIRE_MAX_FRAME"))
    }

    @Test("a service whose enabled_if setting is empty is disabled, and so is what depends on it")
    func disabledServices() async throws {
        let configuration = try MeshConfiguration.load(path: BuildProducts.packageRoot + "/compose/mesh.yaml")
        let supervisor = MeshSupervisor(
            configuration: configuration, environment: ["TELEGRAM_BOT_TOKEN": ""], binDirectory: BuildProducts.directory,
            console: .buffer(), logger: CapturedLog().logger()
        )
        let status = await supervisor.status()
        #expect(status.first { $0.name == "bot-edge" }?.state == .disabled)
        #expect(status.first { $0.name == "bot-edge" }?.note == "TELEGRAM_BOT_TOKEN is not set")
        #expect(status.filter { $0.state == .disabled }.count == 1)

        let withToken = MeshSupervisor(
            configuration: configuration, environment: ["TELEGRAM_BOT_TOKEN": "123:abc"], binDirectory: BuildProducts.directory,
            console: .buffer(), logger: CapturedLog().logger()
        )
        #expect(await withToken.status().allSatisfy { $0.state == .starting })
    }
}
