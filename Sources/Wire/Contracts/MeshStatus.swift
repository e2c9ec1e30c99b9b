/// `mesh.status`: every service the mesh supervises, its state, process and health.
/// Answered by the `mesh` supervisor on its control socket, `$MESH_RUN_DIR/mesh.sock`.
public enum MeshStatus: WireMethod {
    public static let name = "mesh.status"
    public static let isIdempotent = true

    public typealias Params = WireEmpty

    /// Where a supervised service is in its life.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Launched (or waiting for its dependencies), not yet healthy.
        case starting
        /// Healthy and serving.
        case running
        /// Exited or being stopped; a new process follows after the backoff pause.
        case restarting
        /// Not running and not coming back by itself: exited under restart policy
        /// `no`/`on-failure`, or stopped with the mesh.
        case stopped
        /// Gave up: a crash loop, or it could not start.
        case failed
        /// Not started because a setting it needs (`enabled_if`) is empty.
        case disabled
    }

    /// One service's row in the status table.
    public struct Service: Codable, Sendable, Equatable {
        /// The service's key in `mesh.yaml`.
        public var name: String
        public var state: State
        /// The process id while a process runs.
        public var pid: Int32?
        /// Seconds since the current process started.
        public var uptimeSeconds: Double?
        /// Processes started after the first one, for whatever reason.
        public var restarts: Int
        /// The last health verdict: `ok`, `degraded`, `failing (1/3): …`, `unknown`, `none` or `-`.
        public var health: String
        /// Why the previous process ended: `exit 2`, `signal 9 (SIGKILL)`, `health check failed 3 times`…
        public var lastExit: String?
        /// Anything else an operator should know: why it is disabled or failed.
        public var note: String?

        public init(
            name: String, state: State, pid: Int32? = nil, uptimeSeconds: Double? = nil, restarts: Int = 0,
            health: String, lastExit: String? = nil, note: String? = nil
        ) {
            self.name = name
            self.state = state
            self.pid = pid
            self.uptimeSeconds = uptimeSeconds
            self.restarts = restarts
            self.health = health
            self.lastExit = lastExit
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case name, state, pid, restarts, health, note
            case uptimeSeconds = "uptime_seconds"
            case lastExit = "last_exit"
        }
    }

    /// Every service of the mesh.
    public struct Result: Codable, Sendable, Equatable {
        /// The services in start order.
        public var services: [Service]

        public init(services: [Service]) {
            self.services = services
        }
    }
}
