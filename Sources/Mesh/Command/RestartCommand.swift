import ArgumentParser
import ServiceSupport
import Wire

/// `mesh restart <service>`: a graceful stop and start of one service.
struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Stop one service gracefully and start it again; the others keep serving."
    )

    @Argument(help: "The service's name in mesh.yaml, e.g. users-service.")
    var service: String

    func run() async throws {
        let client = MeshControlClient(settings: try Settings.load())
        // The mesh answers once the new process is healthy, bounded by the service's own
        // grace period and start timeout.
        let result = try await client.call(MeshRestart.self, .init(service: service), timeout: .seconds(600))
        await client.close()
        print("\(result.service) restarted: pid \(result.pid), \(result.restarts) restart\(result.restarts == 1 ? "" : "s")")
    }
}
