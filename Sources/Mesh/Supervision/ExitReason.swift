import Foundation

/// Why a service's process ended, as `mesh status` shows it in `last_exit`.
public enum ExitReason: Sendable, Equatable, CustomStringConvertible {
    /// The process exited with this status.
    case exited(status: Int32)
    /// The process was ended by this signal.
    case signaled(Int32)
    /// The supervisor stopped it after this many failed health checks in a row.
    case unhealthy(failures: Int, lastProblem: String)
    /// It was not healthy within its start timeout, and the supervisor stopped it.
    case startTimedOut(Duration)
    /// The executable could not be launched at all.
    case launchFailed(String)

    /// Whether `on-failure` restarts after this: everything but a clean `exit 0`.
    public var isFailure: Bool {
        self != .exited(status: 0)
    }

    public var description: String {
        switch self {
        case .exited(let status): "exit \(status)"
        case .signaled(let signal): "signal \(signal)\(Self.signalNames[signal].map { " (\($0))" } ?? "")"
        case .unhealthy(let failures, let problem): "health check failed \(failures) times in a row (\(problem))"
        case .startTimedOut(let timeout): "not healthy within \(timeout.shortText)"
        case .launchFailed(let reason): "could not launch: \(reason)"
        }
    }

    private static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
        SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
        SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM",
    ]
}
