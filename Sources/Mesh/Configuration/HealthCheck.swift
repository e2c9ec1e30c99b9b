/// How the supervisor asks a service whether it serves.
public enum HealthCheck: Sendable, Equatable {
    /// Wire `sys.health` on the socket of this name in `$MESH_RUN_DIR`, e.g. `users.sock`.
    case wire(socket: String)
    /// HTTP GET of this path on `GATEWAY_HOST:GATEWAY_PORT`, e.g. `/api/v1/health`; 200 is healthy.
    case http(path: String)
}
