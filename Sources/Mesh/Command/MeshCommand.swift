import ArgumentParser

/// `mesh`: starts the services of the knowledge-base mesh, watches and restarts them, and
/// talks to a running mesh over its control socket.
public struct MeshCommand: AsyncParsableCommand {
    /// The subcommands: `up`, `status`, `restart`, `stop`, `logs`, `probe`.
    public static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Start, watch and control the knowledge-base service mesh.",
        discussion: """
            Settings come from .env and the environment, as for every service; MESH_RUN_DIR \
            holds the services' sockets and the mesh's control socket, mesh.sock.
            """,
        subcommands: [UpCommand.self, StatusCommand.self, RestartCommand.self, StopCommand.self, LogsCommand.self, ProbeCommand.self]
    )

    /// Made by ArgumentParser from the command line.
    public init() {}
}

extension MeshCommand {
    /// Parses the process's arguments and runs the chosen subcommand, exiting with its status.
    /// `main.swift` calls this: the executable depends on Mesh alone, not on ArgumentParser.
    public static func runFromCommandLine() async {
        await main()
    }
}
