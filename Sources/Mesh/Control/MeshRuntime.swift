import Foundation
import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// One running mesh: the supervisor and its control socket, `$MESH_RUN_DIR/mesh.sock`, in
/// one service group. `mesh up` runs it; tests run it too.
public struct MeshRuntime: Sendable {
    /// Why a mesh cannot start.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case missingExecutable(service: String, path: String)
        case alreadyRunning(controlSocket: String)
        case directories(reason: String)
        /// MESH_RUN_DIR is too deep for a Unix socket address.
        case controlSocketPathTooLong(path: String)

        public var description: String {
            switch self {
            case .missingExecutable(let service, let path):
                "\(service): no executable at \(path) (build it with `swift build`, or point --bin-dir at the folder holding it)"
            case .alreadyRunning(let socket):
                "a mesh is already running (it answers on \(socket)); stop it with `mesh stop`"
            case .directories(let reason):
                "cannot create MESH_RUN_DIR/MESH_DATA_DIR: \(reason)"
            case .controlSocketPathTooLong(let path):
                "the control socket path is too long for a Unix socket (max 103 bytes): \(path); choose a shorter MESH_RUN_DIR"
            }
        }
    }

    /// Owns the services; `requestStop()` on it stops the whole mesh.
    public let supervisor: MeshSupervisor
    /// `MESH_RUN_DIR` and `MESH_DATA_DIR` as the settings give them.
    public let layout: MeshLayout
    private let configuration: MeshConfiguration
    private let environment: [String: String]
    private let binDirectory: String
    private let controlServer: WireServer
    private let logger: Logger

    /// - Parameter environment: the mesh's settings (`.env` overlaid with the environment);
    ///   they locate the run and data folders and are passed on to every service.
    public init(configuration: MeshConfiguration, environment: [String: String], binDirectory: String, console: MeshConsole, logger: Logger)
    {
        let settings = Settings(environment)
        self.configuration = configuration
        self.environment = environment
        self.binDirectory = binDirectory
        self.logger = logger
        self.layout = MeshLayout(settings: settings)
        self.supervisor = MeshSupervisor(
            configuration: configuration, environment: environment, binDirectory: binDirectory, console: console, logger: logger
        )
        self.controlServer = WireServer(
            configuration: .init(
                socketPath: layout.meshControlSocket,
                serviceName: "mesh",
                maxFrameLength: (try? WireSettings(settings: settings).maxFrameLength) ?? WireFraming.defaultMaxFrameLength
            ),
            handlers: MeshControl.handlers(for: supervisor),
            logger: logger
        )
    }

    /// The control socket's path.
    public var controlSocket: String { layout.meshControlSocket }

    /// Checks that the mesh can start, then runs it until it is stopped.
    public func run() async throws {
        try await preflight()
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: controlServer, serviceName: "control-socket"),
                    // When the supervisor is done (stopped, or a service could not start), the
                    // control socket shuts down gracefully after it.
                    .init(
                        service: supervisor,
                        successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup,
                        serviceName: "supervisor"
                    ),
                ],
                logger: logger
            ))
        try await group.run()
    }

    private func preflight() async throws(Error) {
        // Found out now rather than when the control socket binds, after the services started.
        guard controlSocket.utf8.count < 104 else { throw .controlSocketPathTooLong(path: controlSocket) }
        do {
            try layout.createDirectories()
        } catch {
            throw .directories(reason: "\(error)")
        }
        let status = await supervisor.status()
        for service in configuration.services where status.first(where: { $0.name == service.name })?.state != .disabled {
            let path = service.executablePath(binDirectory: binDirectory)
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw .missingExecutable(service: service.name, path: path)
            }
        }
        if FileManager.default.fileExists(atPath: controlSocket) {
            let client = WireClient(
                configuration: .init(socketPath: controlSocket, serviceName: "mesh", poolSize: 1, callTimeout: .seconds(1)))
            let answered = (try? await client.call(MeshStatus.self, WireEmpty(), .background("mesh-preflight"))) != nil
            await client.close()
            if answered { throw .alreadyRunning(controlSocket: controlSocket) }
        }
    }
}
