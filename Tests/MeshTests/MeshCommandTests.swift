import Foundation
import TestSupport
import Testing
import Wire

@testable import Mesh

/// The `mesh` executable itself: `mesh up` with the real services, the CLI over the control
/// socket, SIGTERM, and a service that cannot start.
@Suite struct MeshCommandTests {
    static let services = """
        supervision:
          backoff_initial: 20ms
          health_interval: 200ms
        services:
          users-service:
            health: { wire: users.sock }
          rag-core:
            health: { wire: rag.sock }
          ingest-service:
            depends_on: [rag-core]
            health: { wire: ingest.sock }

        """

    static func environment(_ directory: TemporaryDirectory) -> [String: String] {
        [
            "MESH_RUN_DIR": directory.file("run"),
            "MESH_DATA_DIR": directory.file("data"),
            "MESH_ENV_FILE": "/nonexistent/.env",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    /// `mesh up` with ``services`` in a new directory, and a client of its control socket.
    static func up(prefix: String, arguments: [String] = []) throws -> (TemporaryDirectory, [String: String], MeshProcess, WireClient) {
        let directory = try TemporaryDirectory(prefix: prefix)
        try services.write(toFile: directory.file("mesh.yaml"), atomically: true, encoding: .utf8)
        let environment = environment(directory)
        let mesh = try MeshProcess(
            ["up", "--config", "mesh.yaml", "--bin-dir", BuildProducts.directory] + arguments, environment: environment,
            directory: directory.path)
        let control = WireClient(configuration: .init(socketPath: directory.file("run/mesh.sock"), serviceName: "mesh"))
        return (directory, environment, mesh, control)
    }

    @Test("mesh up brings the services up, mesh status/logs read them, SIGTERM stops every child and removes the sockets")
    func upStatusLogsAndSigterm() async throws {
        let startedAt = ContinuousClock.now
        let (directory, environment, mesh, control) = try Self.up(prefix: "meshup")
        var status: [MeshStatus.Service] = []
        let up = await eventually {
            status = (try? await control.call(MeshStatus.self, WireEmpty(), .background("test")).services) ?? []
            return status.count == 3 && status.allSatisfy { $0.state == .running && $0.health == "ok" }
        }
        #expect(up, "all running; status: \(status); stderr: \(mesh.stderr)")
        print("mesh up: all three services healthy after \(ContinuousClock.now - startedAt)")
        #expect(status.map(\.name) == ["users-service", "rag-core", "ingest-service"])
        let pids = status.compactMap(\.pid)
        #expect(pids.count == 3)

        let table = try await MeshProcess.run(["status"], environment: environment, directory: directory.path)
        #expect(table.status == 0)
        let rows = table.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("SERVICE") == true)
        for service in status {
            #expect(
                rows.contains { $0.hasPrefix(service.name) && $0.contains("running") && $0.contains("\(service.pid ?? -1)") },
                "\(table.stdout)")
        }
        let logs = try await MeshProcess.run(
            ["logs", "users-service", "--lines", "5"], environment: environment, directory: directory.path)
        #expect(logs.status == 0)
        #expect(logs.stdout.contains("\"msg\":\"wire server listening\""))

        // Merged output: `name | <JSON line intact>`.
        let merged = mesh.stdout.split(separator: "\n").filter { $0.hasPrefix("users-service") }
        #expect(!merged.isEmpty)
        for line in merged {
            let json = try #require(line.split(separator: "| ", maxSplits: 1).last)
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(object?["service"] as? String == "users-service")
        }

        mesh.send(SIGTERM)
        #expect(await mesh.waitForExit(timeout: .seconds(30)) == 0, "stderr: \(mesh.stderr)")
        await control.close()
        for pid in pids {
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "child \(pid) is gone")
        }
        for socket in ["users.sock", "rag.sock", "ingest.sock", "mesh.sock"] {
            #expect(!FileManager.default.fileExists(atPath: directory.file("run/\(socket)")), "\(socket) removed")
        }
        let stopped = mesh.stderr.split(separator: "\n").filter { $0.contains("\"msg\":\"stopping service\"") }
        let ingestStopped = try #require(stopped.firstIndex { $0.contains("\"name\":\"ingest-service\"") })
        let ragStopped = try #require(stopped.firstIndex { $0.contains("\"name\":\"rag-core\"") })
        #expect(ingestStopped < ragStopped, "reverse dependency order: ingest-service stops before rag-core")
    }

    @Test("after kill -9 of mesh, its children notice the supervisor is gone and stop gracefully: no orphans")
    func childrenStopWhenTheSupervisorIsKilled() async throws {
        let (directory, _, mesh, control) = try Self.up(prefix: "meshkill")
        var pids: [Int32] = []
        #expect(
            await eventually {
                let status = (try? await control.call(MeshStatus.self, WireEmpty(), .background("test")).services) ?? []
                pids = status.compactMap(\.pid)
                return status.count == 3 && status.allSatisfy { $0.state == .running && $0.health == "ok" }
            })
        await control.close()
        #expect(pids.count == 3)

        mesh.send(SIGKILL)
        _ = await mesh.waitForExit(timeout: .seconds(10))
        let allGone = await eventually(timeout: .seconds(15)) {
            pids.allSatisfy(Self.hasExited)
        }
        #expect(allGone, "children still running: \(pids.filter { !Self.hasExited($0) })")
        // They stopped gracefully: each removed its socket on the way out.
        for socket in ["users.sock", "rag.sock", "ingest.sock"] {
            #expect(!FileManager.default.fileExists(atPath: directory.file("run/\(socket)")), "\(socket) removed")
        }
    }

    /// Gone, or a zombie waiting for whichever process inherited it to reap it.
    static func hasExited(_ pid: Int32) -> Bool {
        if kill(pid, 0) == -1 && errno == ESRCH { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true
    }

    @Test("mesh stop over the control socket stops the mesh with status 0")
    func stopCommand() async throws {
        let (directory, environment, mesh, control) = try Self.up(prefix: "meshstop", arguments: ["--pretty"])
        #expect(
            await eventually {
                let status = try? await control.call(MeshStatus.self, WireEmpty(), .background("test"))
                return status?.services.allSatisfy { $0.state == .running } == true
            })
        await control.close()
        let stop = try await MeshProcess.run(["stop"], environment: environment, directory: directory.path)
        #expect(stop.status == 0)
        #expect(stop.stdout == "stopping ingest-service, rag-core, users-service\n")
        #expect(await mesh.waitForExit(timeout: .seconds(30)) == 0)
        // --pretty: `hh:mm:ss level service msg key=value…`, the mesh's own lines included.
        #expect(
            mesh.stdout.split(separator: "\n").contains {
                $0.contains(" info ") && $0.contains("users-service") && $0.contains("wire server listening")
            })
        #expect(mesh.stdout.contains("all services stopped"))
    }

    @Test("mesh up with compose/mesh.yaml: the gateway's HTTP health check, bot-edge disabled without a token")
    func projectMeshFile() async throws {
        let directory = try TemporaryDirectory(prefix: "meshall")
        var environment = Self.environment(directory)
        environment["GATEWAY_PORT"] = String(try freeLocalPort())
        environment["ADMIN_API_TOKEN"] = "test-admin-token-0123456789abcdef"
        environment["BOT_API_SECRET"] = "test-bot-secret-0123456789abcdef"
        let mesh = try MeshProcess(
            ["up", "--config", BuildProducts.packageRoot + "/compose/mesh.yaml", "--bin-dir", BuildProducts.directory],
            environment: environment, directory: directory.path
        )
        let control = WireClient(configuration: .init(socketPath: directory.file("run/mesh.sock"), serviceName: "mesh"))
        var status: [MeshStatus.Service] = []
        let up = await eventually(timeout: .seconds(30)) {
            status = (try? await control.call(MeshStatus.self, WireEmpty(), .background("test")).services) ?? []
            return status.filter { $0.state == .running && $0.health == "ok" }.count == 4
        }
        await control.close()
        #expect(up, "status: \(status); stderr: \(mesh.stderr)")
        #expect(status.map(\.name) == ["users-service", "rag-core", "ingest-service", "gateway", "bot-edge"])
        #expect(status.first { $0.name == "bot-edge" }?.state == .disabled)
        let table = try await MeshProcess.run(["status"], environment: environment, directory: directory.path)
        #expect(table.stdout.contains("bot-edge: TELEGRAM_BOT_TOKEN is not set"))
        mesh.send(SIGTERM)
        #expect(await mesh.waitForExit(timeout: .seconds(30)) == 0)
    }

    @Test("mesh logs --follow prints the lines that come after")
    func followLogs() async throws {
        let (directory, environment, mesh, control) = try Self.up(prefix: "meshfol")
        #expect(
            await eventually {
                (try? await control.call(MeshStatus.self, WireEmpty(), .background("test")))?.services.allSatisfy { $0.state == .running }
                    == true
            })
        let follower = try MeshProcess(
            ["logs", "rag-core", "--follow", "--lines", "1"], environment: environment, directory: directory.path, name: "follow")
        let listening = "\"msg\":\"wire server listening\""
        #expect(await eventually { follower.stdout.components(separatedBy: listening).count == 2 }, "the last line: \(follower.stdout)")
        _ = try await control.call(MeshRestart.self, .init(service: "rag-core"), .background("test"), timeout: .seconds(30))
        #expect(
            await eventually(timeout: .seconds(5)) {
                follower.stdout.contains("wire server stopped") && follower.stdout.components(separatedBy: listening).count == 3
            },
            "the restart's lines follow: \(follower.stdout)")
        await control.close()
        mesh.send(SIGTERM)
        #expect(await mesh.waitForExit(timeout: .seconds(30)) == 0)
        #expect(await follower.waitForExit(timeout: .seconds(5)) == 0, "the follower ends when the mesh is gone")
        #expect(follower.stdout.contains("-- the mesh has stopped"))
    }

    @Test("mesh up exits non-zero when a service cannot start, naming it and showing why")
    func upFailsForAServiceThatCannotStart() async throws {
        let directory = try TemporaryDirectory(prefix: "meshbad")
        try """
        services:
          rag-core:
            health: { wire: rag.sock }
          users-service:
            environment: { WIRE_MAX_FRAME: bad }
            health: { wire: users.sock }
        """.write(toFile: directory.file("mesh.yaml"), atomically: true, encoding: .utf8)
        let result = try await MeshProcess.run(
            ["up", "--config", "mesh.yaml", "--bin-dir", BuildProducts.directory], environment: Self.environment(directory),
            directory: directory.path
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("mesh: users-service could not start: exit 2"))
        #expect(result.stderr.contains("WIRE_MAX_FRAME"), "the service's last lines are shown")
        #expect(!FileManager.default.fileExists(atPath: directory.file("run/rag.sock")), "rag-core was stopped again")
    }

    @Test("mesh up refuses a bad mesh.yaml with a message naming the field")
    func upRejectsBadConfiguration() async throws {
        let directory = try TemporaryDirectory(prefix: "meshyaml")
        try "services:\n  users-service:\n    restart: sometimes\n".write(
            toFile: directory.file("mesh.yaml"), atomically: true, encoding: .utf8)
        let result = try await MeshProcess.run(
            ["up", "--config", "mesh.yaml"], environment: Self.environment(directory), directory: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("mesh.yaml:3: services.users-service.restart"))
    }

    @Test(
        "the CLI says clearly when no mesh is running",
        arguments: [["status"], ["stop"], ["restart", "users-service"], ["logs", "users-service"]])
    func noMeshRunning(arguments: [String]) async throws {
        let directory = try TemporaryDirectory(prefix: "meshnone")
        let result = try await MeshProcess.run(arguments, environment: Self.environment(directory), directory: directory.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no mesh is running"))
        #expect(result.stderr.contains(directory.file("run/mesh.sock")))
    }
}
