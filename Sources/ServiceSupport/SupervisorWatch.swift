import Foundation
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops a service whose `mesh` supervisor died without stopping it (e.g. `kill -9` of
/// `mesh`), so no orphan keeps its socket and data files after the mesh is gone.
///
/// `mesh` starts each child with `MESH_SUPERVISOR_PID`. Once the process's parent is no
/// longer that pid (an orphan is re-parented to init or a subreaper), the watch asks the
/// service group for a graceful shutdown, exactly as SIGTERM would. It polls once a second:
/// `PR_SET_PDEATHSIG` would be immediate, but it fires when the *thread* that spawned the
/// child ends, and the mesh spawns from pooled threads.
public struct SupervisorWatch: Service {
    /// The variable `mesh` sets to its own pid in each child's environment.
    public static let variable = "MESH_SUPERVISOR_PID"

    let supervisorPID: pid_t
    let interval: Duration
    let logger: Logger

    /// A watch when the process was started by `mesh`; nil otherwise.
    public init?(settings: Settings, logger: Logger, interval: Duration = .seconds(1)) {
        guard let text = settings[Self.variable], let pid = pid_t(text), pid > 1 else { return nil }
        supervisorPID = pid
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var signalled = false
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if !signalled, getppid() != supervisorPID {
                logger.warning("the mesh supervisor is gone; shutting down", metadata: ["supervisor_pid": "\(supervisorPID)"])
                // The group treats the signal like Ctrl-C at the terminal: every service drains
                // and stops. This service keeps running until then, since a service that returns
                // early would end the group without the graceful part.
                kill(getpid(), SIGTERM)
                signalled = true
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
