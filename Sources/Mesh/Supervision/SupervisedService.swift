import Wire

/// Everything the supervisor knows about one service. Lives inside `MeshSupervisor` and is
/// only changed there.
struct SupervisedService: Sendable {
    let definition: ServiceDefinition
    let executablePath: String
    /// The environment its processes start with: the mesh's settings plus the service's own.
    let environment: [String: String]
    /// Its output, for `mesh logs`.
    let log: ServiceLog
    var state: MeshStatus.State
    /// The current process, until it has exited.
    var child: ChildProcess?
    /// Counts launches; a restart waits for it to move on.
    var generation = 0
    var restarts = 0
    /// The current process passed its health check.
    var becameHealthy = false
    var health = "-"
    var lastExit: ExitReason?
    var note: String?
    var history: RestartHistory
    /// An operator asked for a restart (or a failed service to start again); the supervise
    /// loop takes it as a planned stop, not a failure.
    var restartRequested = false

    init(definition: ServiceDefinition, executablePath: String, environment: [String: String], policy: SupervisionPolicy) {
        self.definition = definition
        self.executablePath = executablePath
        self.environment = environment
        self.log = ServiceLog(capacity: policy.logLines)
        self.state = .starting
        self.history = RestartHistory(policy: policy)
    }

    var name: String { definition.name }

    /// Its row in `mesh status`.
    func status(now: ContinuousClock.Instant = .now) -> MeshStatus.Service {
        let running = child.flatMap { $0.isRunning ? $0 : nil }
        return MeshStatus.Service(
            name: name,
            // Between a process's exit and the supervisor's decision, it is not running any more.
            state: state == .running && running == nil ? .restarting : state,
            pid: running?.pid,
            uptimeSeconds: running.map { (now - $0.launchedAt).seconds },
            restarts: restarts,
            health: running == nil ? "-" : health,
            lastExit: lastExit?.description,
            note: note
        )
    }
}
