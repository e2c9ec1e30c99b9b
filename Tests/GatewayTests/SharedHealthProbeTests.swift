import Logging
import ServiceSupport
import TestSupport
import Testing
import Wire

@testable import Gateway

@Suite struct SharedHealthProbeTests {
    /// The gateway's clients for a mesh in `directory`, where no service runs yet.
    static func services(in directory: TemporaryDirectory) -> (MeshLayout, MeshServices) {
        let layout = MeshLayout(runDirectory: directory.path, dataDirectory: directory.file("data"))
        return (layout, MeshServices(layout: layout, wire: WireSettings(callTimeout: .seconds(2)), metrics: GatewayMetrics()))
    }

    /// Starts a Wire server answering `sys.health` as users-service; cancel the task to stop it.
    static func startUsersService(_ layout: MeshLayout, client: WireClient) async throws -> Task<Void, any Error> {
        let server = WireServer(
            configuration: .init(socketPath: layout.usersSocket, serviceName: "users-service"), handlers: WireHandlerTable(),
            logger: Logger(label: "probe-test"))
        let running = Task { try await server.run() }
        #expect(await client.waitUntilHealthy(timeout: .seconds(30)))
        return running
    }

    @Test("a report answers new requests until its freshness runs out; then a new round sees the change")
    func freshness() async throws {
        let directory = try TemporaryDirectory(prefix: "probe")
        let (layout, services) = Self.services(in: directory)
        let lasting = SharedHealthProbe(services: services, timeout: .seconds(1), freshness: .seconds(600))
        let brief = SharedHealthProbe(services: services, timeout: .seconds(1), freshness: .milliseconds(200))
        let allDown = ["ingest-service", "rag-core", "users-service"]
        #expect(try await lasting.report().report.down == allDown)
        #expect(try await brief.report().report.down == allDown)
        let briefReportedAt = ContinuousClock.now

        let server = try await Self.startUsersService(layout, client: services.users)
        defer { server.cancel() }
        #expect(try await lasting.report().report.down == allDown, "a report younger than its freshness is reused")
        try await Task.sleep(until: briefReportedAt + .milliseconds(250))
        let after = try await brief.report().report
        #expect(after.down == ["ingest-service", "rag-core"])
        #expect(after.services["users-service"]?.status == "ok")
    }

    @Test("without a freshness window every request after a round starts a new one")
    func noFreshness() async throws {
        let directory = try TemporaryDirectory(prefix: "probe")
        let (layout, services) = Self.services(in: directory)
        let probe = SharedHealthProbe(services: services, timeout: .seconds(1), freshness: .zero)
        #expect(try await probe.report().report.down.contains("users-service"))
        let server = try await Self.startUsersService(layout, client: services.users)
        defer { server.cancel() }
        #expect(try await probe.report().report.down == ["ingest-service", "rag-core"])
    }
}
