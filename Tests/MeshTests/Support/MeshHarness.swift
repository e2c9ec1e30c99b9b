import Foundation
import Logging
import TestSupport
import Wire

@testable import Mesh

/// A mesh run inside the test process: the real supervisor and control socket, starting the
/// real service executables, in a fresh temporary folder.
struct MeshHarness: Sendable {
    let directory: TemporaryDirectory
    let runtime: MeshRuntime
    let log: CapturedLog
    let environment: [String: String]
    let control: WireClient

    var supervisor: MeshSupervisor { runtime.supervisor }

    /// Fast timing for tests; a test's yaml may add its own `supervision:` instead.
    static let fastSupervision = """
        supervision:
          backoff_initial: 20ms
          backoff_max: 200ms
          health_interval: 200ms
          health_timeout: 500ms
          health_failures: 3
          log_lines: 50

        """

    /// Runs a mesh of `servicesYAML` (the `services:` section) around `body`, then stops it
    /// and waits until every process is gone.
    static func run<Result: Sendable>(
        services servicesYAML: String,
        supervision: String = fastSupervision,
        environment extra: [String: String] = [:],
        _ body: (MeshHarness) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory(prefix: "mesh")
        let environment = [
            "MESH_RUN_DIR": directory.file("run"),
            "MESH_DATA_DIR": directory.file("data"),
            "MESH_ENV_FILE": "/nonexistent/.env",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ].merging(extra) { _, new in new }
        let configuration = try MeshConfiguration(yaml: supervision + servicesYAML, path: "test.yaml")
        let log = CapturedLog()
        let runtime = MeshRuntime(
            configuration: configuration,
            environment: environment,
            binDirectory: BuildProducts.directory,
            console: .buffer(),
            logger: log.logger()
        )
        let harness = MeshHarness(
            directory: directory,
            runtime: runtime,
            log: log,
            environment: environment,
            control: WireClient(configuration: .init(socketPath: runtime.controlSocket, serviceName: "mesh"))
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await runtime.run() }
            let result: Result
            do {
                result = try await body(harness)
            } catch {
                runtime.supervisor.requestStop()
                try? await group.waitForAll()
                await harness.control.close()
                throw error
            }
            runtime.supervisor.requestStop()
            try await group.waitForAll()
            await harness.control.close()
            return result
        }
    }

    func status(of name: String) async -> MeshStatus.Service? {
        await supervisor.status().first { $0.name == name }
    }

    /// Waits until every service in `names` is running and healthy.
    func waitUntilRunning(_ names: [String], timeout: Duration = .seconds(20)) async -> Bool {
        await eventually(timeout: timeout) {
            let status = await supervisor.status()
            return names.allSatisfy { name in status.contains { $0.name == name && $0.state == .running && $0.pid != nil } }
        }
    }

    /// A client for a service's own socket in this mesh's run folder.
    func client(socket: String, service: String) -> WireClient {
        WireClient(configuration: .init(socketPath: directory.file("run/\(socket)"), serviceName: service))
    }
}
