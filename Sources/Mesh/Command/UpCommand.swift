import ArgumentParser
import Foundation
import Logging
import ServiceSupport

/// `mesh up`: starts every service in dependency order and supervises them until Ctrl-C,
/// SIGTERM or `mesh stop`.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the mesh and supervise it until Ctrl-C, SIGTERM or `mesh stop`.",
        discussion: """
            Services start in dependency order, each once its dependencies are healthy. Their \
            output is printed merged, prefixed with the service's name. Exits non-zero if a \
            service cannot start, naming it and showing its last lines.
            """
    )

    @Option(name: .long, help: "The service table.")
    var config = "compose/mesh.yaml"

    @Flag(name: .long, help: "Print `hh:mm:ss level service msg key=value…` instead of raw JSON lines.")
    var pretty = false

    @Option(name: .long, help: "Where the service executables are (default: the folder of this mesh binary).")
    var binDir: String?

    func run() async throws {
        // A closed stdout (`mesh up | head`) must not kill the mesh and orphan its services.
        signal(SIGPIPE, SIG_IGN)
        let settings: Settings
        let configuration: MeshConfiguration
        do {
            settings = try Settings.load()
            configuration = try MeshConfiguration.load(path: config)
        } catch {
            Self.fail("\(error)")
            throw ExitCode(2)
        }
        let level = (try? settings.choice("LOG_LEVEL", default: Logger.Level.info)) ?? .info
        let console = MeshConsole.standardOutput(format: pretty ? .pretty : .json)
        let pretty = self.pretty
        LoggingSystem.bootstrap { label -> any LogHandler in
            pretty
                ? PrettyLogHandler(service: "mesh", console: console, level: level)
                : JSONLogHandler(service: "mesh", label: label, level: level)
        }
        let runtime = MeshRuntime(
            configuration: configuration,
            environment: settings.values,
            binDirectory: binDir ?? Self.defaultBinDirectory,
            console: console,
            logger: Logger(label: "mesh")
        )
        // SIGHUP too: a closed terminal must not end the mesh and leave its services behind.
        let signals = ShutdownSignals([SIGTERM, SIGINT, SIGHUP]) { runtime.supervisor.requestStop() }
        defer { signals.cancel() }
        do {
            try await runtime.run()
        } catch {
            Self.fail("\(error)")
            throw ExitCode.failure
        }
    }

    /// The folder of the running `mesh` binary, where `swift build` puts the other products too.
    static var defaultBinDirectory: String {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return executable.resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    private static func fail(_ message: String) {
        FileHandle.standardError.write(Data("mesh: \(message)\n".utf8))
    }
}
