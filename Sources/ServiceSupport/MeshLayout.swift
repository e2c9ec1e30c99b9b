import Foundation

/// Where the mesh keeps its sockets and data, shared by every process so that a socket one
/// service binds is the socket the others dial.
public struct MeshLayout: Sendable, Equatable {
    /// `MESH_RUN_DIR`: Unix sockets and the mesh control socket.
    public var runDirectory: String
    /// `MESH_DATA_DIR`: databases, indexes, staged uploads.
    public var dataDirectory: String

    public init(runDirectory: String, dataDirectory: String) {
        self.runDirectory = runDirectory
        self.dataDirectory = dataDirectory
    }

    public init(settings: Settings) {
        self.init(
            runDirectory: settings.string("MESH_RUN_DIR", default: "var/run"),
            dataDirectory: settings.string("MESH_DATA_DIR", default: "var/data")
        )
    }

    public var usersSocket: String { socket("users.sock") }
    public var ragSocket: String { socket("rag.sock") }
    public var ingestSocket: String { socket("ingest.sock") }
    public var meshControlSocket: String { socket("mesh.sock") }

    /// A file or folder under the data directory, e.g. `users.sqlite`.
    public func dataPath(_ name: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(name)
    }

    private func socket(_ name: String) -> String {
        (runDirectory as NSString).appendingPathComponent(name)
    }

    /// Creates both directories if they are missing.
    public func createDirectories() throws {
        for directory in [runDirectory, dataDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }
}
