import ArgumentParser
import Foundation
import ServiceSupport
import Wire

/// `mesh status`: a table of the services of the running mesh.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each service's state, pid, uptime, restarts, health and last exit."
    )

    @Flag(name: .long, help: "Print the status as JSON.")
    var json = false

    func run() async throws {
        let client = MeshControlClient(settings: try Settings.load())
        let result = try await client.call(MeshStatus.self, WireEmpty())
        await client.close()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(StatusTable(services: result.services).rendered, terminator: "")
        }
    }
}
