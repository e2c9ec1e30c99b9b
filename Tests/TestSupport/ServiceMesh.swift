import Foundation
import Synchronization
import Wire

/// The Wire services of a mesh, started as real executables in one temp folder: what the
/// gateway and end-to-end tests run against.
public final class ServiceMesh: Sendable {
    public static let socketNames = ["users-service": "users.sock", "rag-core": "rag.sock", "ingest-service": "ingest.sock"]

    public let directory: TemporaryDirectory
    public let environment: [String: String]
    private let running = Mutex<[String: ServiceProcess]>([:])

    /// The processes started, by service name.
    public var processes: [String: ServiceProcess] { running.withLock { $0 } }

    public var runDirectory: String { directory.file("run") }
    public var dataDirectory: String { directory.file("data") }

    /// Starts `services` with the layout variables plus `environment`, and waits until each is healthy.
    public init(_ services: [String] = ["users-service", "rag-core", "ingest-service"], environment: [String: String] = [:]) async throws {
        directory = try TemporaryDirectory()
        self.environment = environment.merging(["MESH_RUN_DIR": directory.file("run"), "MESH_DATA_DIR": directory.file("data")]) { _, layout in layout }
        for service in services {
            try await start(service)
        }
    }

    public func socketPath(of service: String) -> String {
        (runDirectory as NSString).appendingPathComponent(Self.socketNames[service] ?? "\(service).sock")
    }

    /// Starts (or restarts) one service and waits until it answers `sys.health`.
    public func start(_ service: String) async throws {
        let process = try ServiceProcess(service, environment: environment, logDirectory: directory.path)
        running.withLock { $0[service] = process }
        let client = WireClient(configuration: .init(socketPath: socketPath(of: service), serviceName: service))
        let healthy = await client.waitUntilHealthy()
        await client.close()
        guard healthy else {
            throw StartFailure(service: service, log: process.logLines().suffix(20).joined(separator: "\n"))
        }
    }

    /// Stops one service: SIGTERM for a graceful stop, SIGKILL for a crash.
    public func stop(_ service: String, signal: Int32 = SIGTERM) async {
        await processes[service]?.stop(signal: signal)
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public var service: String
        public var log: String
        public var description: String { "\(service) did not become healthy; its log ends:\n\(log)" }
    }
}
