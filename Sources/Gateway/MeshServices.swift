import ServiceSupport
import Wire

/// The gateway's Wire clients, one per service behind it, with every call timed.
public struct MeshServices: Sendable {
    public let users: WireClient
    public let rag: WireClient
    public let ingest: WireClient
    let metrics: GatewayMetrics

    init(layout: MeshLayout, wire: WireSettings, metrics: GatewayMetrics) {
        users = wire.client(socketPath: layout.usersSocket, serviceName: "users-service")
        rag = wire.client(socketPath: layout.ragSocket, serviceName: "rag-core")
        ingest = wire.client(socketPath: layout.ingestSocket, serviceName: "ingest-service")
        self.metrics = metrics
    }

    /// Every client with the name of the service behind it, for health checks.
    var all: [(name: String, client: WireClient)] {
        [("users-service", users), ("rag-core", rag), ("ingest-service", ingest)]
    }

    /// Calls `method` on `client` for the request in `context`; its latency and outcome are recorded.
    func call<Method: WireMethod>(_ client: WireClient, _ method: Method.Type, _ params: Method.Params, _ context: GatewayRequestContext) async throws(WireError) -> Method.Result {
        let started = ContinuousClock.now
        do {
            let result = try await client.call(method, params, context.wireContext)
            metrics.wireCallFinished(method: Method.name, outcome: "ok", duration: .now - started)
            return result
        } catch {
            metrics.wireCallFinished(method: Method.name, outcome: error.code.rawValue, duration: .now - started)
            throw error
        }
    }
}
