import ServiceSupport
import Wire

/// The gateway's Wire clients, one per service behind it.
public struct MeshServices: Sendable {
    public let users: WireClient
    public let rag: WireClient
    public let ingest: WireClient

    public init(layout: MeshLayout, wire: WireSettings) {
        users = wire.client(socketPath: layout.usersSocket, serviceName: "users-service")
        rag = wire.client(socketPath: layout.ragSocket, serviceName: "rag-core")
        ingest = wire.client(socketPath: layout.ingestSocket, serviceName: "ingest-service")
    }

    /// Every client with the name of the service behind it, for health checks.
    public var all: [(name: String, client: WireClient)] {
        [("users-service", users), ("rag-core", rag), ("ingest-service", ingest)]
    }
}
