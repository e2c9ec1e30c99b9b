/// `mesh.restart`: stops one service gracefully and starts it again while the others keep
/// serving. Answers once the new process is healthy; `not_found` for an unknown service,
/// `conflict` for a disabled one, `unavailable` when it does not come back or the mesh is stopping.
public enum MeshRestart: WireMethod {
    public static let name = "mesh.restart"

    /// Which service to restart.
    public struct Params: Codable, Sendable, Equatable {
        /// The service's name in `mesh.yaml`, e.g. `users-service`.
        public var service: String

        public init(service: String) {
            self.service = service
        }
    }

    /// The service's new process, healthy.
    public struct Result: Codable, Sendable, Equatable {
        public var service: String
        /// The new process.
        public var pid: Int32
        /// The service's restart count after this restart.
        public var restarts: Int

        public init(service: String, pid: Int32, restarts: Int) {
            self.service = service
            self.pid = pid
            self.restarts = restarts
        }
    }
}
