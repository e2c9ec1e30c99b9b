import ArgumentParser
import Foundation
import ServiceSupport
import Wire

/// `mesh probe --wire users.sock`: asks one service for `sys.health` and exits 0 when it
/// answers `ok`, 1 otherwise. What a container health check runs, where no `mesh up` watches.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check one service's sys.health over its socket; exit 0 when healthy."
    )

    @Option(name: .customLong("wire"), help: "The socket's file name in MESH_RUN_DIR (e.g. users.sock), or a path.")
    var socket: String

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = 2

    func run() async throws {
        let layout = MeshLayout(settings: try Settings.load())
        let path = socket.contains("/") ? socket : (layout.runDirectory as NSString).appendingPathComponent(socket)
        let client = WireClient(configuration: .init(socketPath: path, serviceName: socket))
        do {
            let health = try await client.call(SysHealth.self, WireEmpty(), .background("probe"), timeout: .milliseconds(Int64(timeout * 1000)))
            await client.close()
            print("\(health.service): \(health.status)")
            if health.status != "ok" { throw ExitCode(1) }
        } catch let error as WireError {
            await client.close()
            print("\(socket): \(error.message)")
            throw ExitCode(1)
        }
    }
}
