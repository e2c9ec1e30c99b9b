/// One service of the mesh as `mesh.yaml` describes it.
public struct ServiceDefinition: Sendable, Equatable {
    /// The key under `services:`, e.g. `users-service`.
    public var name: String
    /// A build product name, found in the mesh's binary folder; a path containing `/` is used as is.
    public var executable: String
    /// Passed to the executable as they are.
    public var arguments: [String]
    /// Variables added to (or overriding) the environment the mesh passes on.
    public var environment: [String: String]
    /// Services that must be healthy before this one starts.
    public var dependsOn: [String]
    /// How to tell that the service serves; without one it counts as healthy once launched.
    public var health: HealthCheck?
    /// What happens when the process ends by itself.
    public var restart: RestartPolicy
    /// How long a new process has to become healthy.
    public var startTimeout: Duration
    /// How long a process has between SIGTERM and SIGKILL.
    public var stopGracePeriod: Duration
    /// A setting that must be non-empty for the service to start (`TELEGRAM_BOT_TOKEN`).
    public var enabledIf: String?

    /// A definition with the same defaults `mesh.yaml` has; `executable` defaults to `name`.
    public init(
        name: String,
        executable: String? = nil,
        arguments: [String] = [],
        environment: [String: String] = [:],
        dependsOn: [String] = [],
        health: HealthCheck? = nil,
        restart: RestartPolicy = .always,
        startTimeout: Duration = .seconds(20),
        stopGracePeriod: Duration = .seconds(10),
        enabledIf: String? = nil
    ) {
        self.name = name
        self.executable = executable ?? name
        self.arguments = arguments
        self.environment = environment
        self.dependsOn = dependsOn
        self.health = health
        self.restart = restart
        self.startTimeout = startTimeout
        self.stopGracePeriod = stopGracePeriod
        self.enabledIf = enabledIf
    }

    /// The executable's path: `executable` itself when it is a path, else inside `binDirectory`.
    public func executablePath(binDirectory: String) -> String {
        if executable.contains("/") { return executable }
        return binDirectory.hasSuffix("/") ? binDirectory + executable : binDirectory + "/" + executable
    }
}
