import ArgumentParser
import ServiceSupport
import Wire

/// `mesh stop`: stops the running mesh, as SIGTERM to it would.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop every service in reverse dependency order, then the mesh."
    )

    func run() async throws {
        let client = MeshControlClient(settings: try Settings.load())
        let result = try await client.call(MeshStop.self, WireEmpty())
        await client.close()
        print(result.stopping.isEmpty ? "stopping the mesh" : "stopping \(result.stopping.joined(separator: ", "))")
    }
}
