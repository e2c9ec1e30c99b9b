import ArgumentParser
import Foundation
import ServiceSupport
import Wire

/// `mesh logs <service>`: the last lines a service wrote, and with `--follow` what comes next.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the last lines a service wrote; --follow keeps printing new ones."
    )

    @Argument(help: "The service's name in mesh.yaml.")
    var service: String

    @Option(name: .long, help: "How many of the last lines to print.")
    var lines = MeshControl.defaultLogLines

    @Flag(name: .long, help: "Keep printing new lines (checks every 500 ms) until interrupted.")
    var follow = false

    @Flag(name: .long, help: "Print `hh:mm:ss level service msg key=value…` instead of raw JSON lines.")
    var pretty = false

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines must not be negative") }
    }

    func run() async throws {
        let client = MeshControlClient(settings: try Settings.load())
        var result = try await client.call(MeshLogs.self, .init(service: service, lines: lines))
        show(result.lines)
        while follow {
            try await Task.sleep(for: .milliseconds(500))
            do {
                result = try await client.call(MeshLogs.self, .init(service: service, lines: Int(Int32.max), after: result.lastSequence))
            } catch .noMeshRunning {
                print("-- the mesh has stopped")
                break
            }
            show(result.lines)
        }
        await client.close()
    }

    private func show(_ lines: [String]) {
        for line in lines {
            print(pretty ? PrettyLogLine(line: line, fallbackService: service).rendered(nameWidth: 0) : line)
        }
        // A follower piped into another program must not sit on its lines until it exits.
        fflush(nil)
    }
}
