/// What the supervisor does when a service's process ends by itself.
public enum RestartPolicy: String, Sendable, Equatable, CaseIterable {
    /// Restart after any exit, clean or not.
    case always
    /// Restart after a non-zero exit, a signal or failed health checks; a clean exit stays stopped.
    case onFailure = "on-failure"
    /// Never restart.
    case no
}
