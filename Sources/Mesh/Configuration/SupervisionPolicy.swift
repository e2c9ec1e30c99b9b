/// The timing of supervision, shared by every service (`supervision:` in `mesh.yaml`).
public struct SupervisionPolicy: Sendable, Equatable {
    /// The pause before the first restart after a failure; it doubles with each further
    /// failure inside `crashLoopWindow`, up to `backoffMax`.
    public var backoffInitial: Duration
    /// The longest pause between restarts.
    public var backoffMax: Duration
    /// This many failures within `crashLoopWindow` mark a service `failed`.
    public var crashLoopFailures: Int
    /// How far back failures count towards a crash loop.
    public var crashLoopWindow: Duration
    /// How often a running service's health is checked.
    public var healthInterval: Duration
    /// How long one health check may take.
    public var healthTimeout: Duration
    /// Consecutive failed checks after which a running service is restarted.
    public var healthFailures: Int
    /// Lines of output kept per service for `mesh logs`.
    public var logLines: Int

    /// The defaults are what `mesh.yaml` gets when it says nothing.
    public init(
        backoffInitial: Duration = .milliseconds(100),
        backoffMax: Duration = .seconds(5),
        crashLoopFailures: Int = 5,
        crashLoopWindow: Duration = .seconds(60),
        healthInterval: Duration = .seconds(2),
        healthTimeout: Duration = .seconds(1),
        healthFailures: Int = 3,
        logLines: Int = 1000
    ) {
        self.backoffInitial = backoffInitial
        self.backoffMax = backoffMax
        self.crashLoopFailures = crashLoopFailures
        self.crashLoopWindow = crashLoopWindow
        self.healthInterval = healthInterval
        self.healthTimeout = healthTimeout
        self.healthFailures = healthFailures
        self.logLines = logLines
    }
}
