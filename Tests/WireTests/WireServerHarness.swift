import Logging
import ServiceLifecycle
import TestSupport
import Wire

/// A real `WireServer` on a real Unix socket in a temp folder, run in its own service group
/// so a test can shut it down gracefully the way SIGTERM would.
final class WireServerHarness {
    let directory: TemporaryDirectory
    let socketPath: String
    private var group: ServiceGroup?
    private var running: Task<Void, any Error>?

    init(directory: TemporaryDirectory? = nil) throws {
        self.directory = try directory ?? TemporaryDirectory()
        self.socketPath = self.directory.file("test.sock")
    }

    static var testHandlers: WireHandlerTable {
        var table = WireHandlerTable()
        table.register(TestEcho.self) { params, _ in params }
        table.register(TestSleep.self) { params, _ in
            try await Task.sleep(for: .milliseconds(params.ms))
            return .init(tag: params.tag)
        }
        table.register(TestFail.self) { _, _ in throw SecretFailure() }
        return table
    }

    /// Starts the server and waits until it answers `sys.health`.
    func start(maxInFlightPerConnection: Int = 1024) async throws {
        let logger = Logger(label: "wire-test")
        var configuration = WireServer.Configuration(socketPath: socketPath, serviceName: "test-service", maxFrameLength: 64 * 1024)
        configuration.maxInFlightPerConnection = maxInFlightPerConnection
        let server = WireServer(
            configuration: configuration,
            handlers: Self.testHandlers,
            logger: logger
        )
        let group = ServiceGroup(services: [server], logger: logger)
        self.group = group
        running = Task { try await group.run() }
        let probe = client()
        guard await probe.waitUntilHealthy(timeout: .seconds(60)) else {
            throw HarnessError.notHealthy
        }
        await probe.close()
    }

    /// Graceful shutdown: stop accepting, finish in-flight requests, close.
    func stop() async throws {
        await group?.triggerGracefulShutdown()
        try await running?.value
        group = nil
        running = nil
    }

    func client(poolSize: Int = 2, callTimeout: Duration = .seconds(5)) -> WireClient {
        WireClient(configuration: .init(socketPath: socketPath, serviceName: "test-service", poolSize: poolSize, callTimeout: callTimeout))
    }

    func rawSocket() throws -> RawSocket {
        try RawSocket(path: socketPath)
    }

    enum HarnessError: Error { case notHealthy }
}
