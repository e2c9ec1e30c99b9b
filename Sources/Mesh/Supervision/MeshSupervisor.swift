import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Starts the services of the mesh in dependency order, watches them, restarts what dies,
/// and stops everything in reverse order. All supervision state lives here; each service's
/// watch loop is a child task of `run()`.
public actor MeshSupervisor: Service {
    /// What went wrong for an operator's request or for the mesh as a whole.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case unknownService(String)
        case disabled(service: String, reason: String)
        /// The mesh is stopping; nothing starts any more.
        case stopping
        /// A restarted service did not become healthy again.
        case didNotComeBack(service: String, reason: String)
        /// A service could not start, so `mesh up` gives up: which, why, and its last lines.
        case startFailed(service: String, reason: String, lastLines: [String])

        public var description: String {
            switch self {
            case .unknownService(let name): "no service named '\(name)'"
            case .disabled(let name, let reason): "\(name) is disabled: \(reason)"
            case .stopping: "the mesh is stopping"
            case .didNotComeBack(let name, let reason): "\(name) did not come back: \(reason)"
            case .startFailed(let name, let reason, let lines):
                "\(name) could not start: \(reason)"
                    + (lines.isEmpty ? "" : "\nlast lines of \(name):\n" + lines.map { "  \($0)" }.joined(separator: "\n"))
            }
        }
    }

    let configuration: MeshConfiguration
    /// Dependencies before dependents; stopping goes the other way.
    public nonisolated let startOrder: [String]
    let console: MeshConsole
    let logger: Logger
    var services: [String: SupervisedService]
    /// Set once the mesh begins to stop: no process is launched after that.
    var stopping = false
    var startFailure: Error?
    private nonisolated let stopRequests: AsyncStream<Void>
    private nonisolated let stopContinuation: AsyncStream<Void>.Continuation

    /// - Parameters:
    ///   - environment: the mesh's settings (`.env` and environment); every process starts with
    ///     them plus its service's `environment:`.
    ///   - binDirectory: where build-product executables are found.
    public init(configuration: MeshConfiguration, environment: [String: String], binDirectory: String, console: MeshConsole, logger: Logger)
    {
        self.configuration = configuration
        self.startOrder = configuration.startOrder
        self.console = console
        self.logger = logger
        (stopRequests, stopContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        var services: [String: SupervisedService] = [:]
        for name in configuration.startOrder {
            guard let definition = configuration.service(named: name) else { continue }
            var service = SupervisedService(
                definition: definition,
                executablePath: definition.executablePath(binDirectory: binDirectory),
                environment: environment.merging(definition.environment) { _, own in own },
                policy: configuration.supervision
            )
            if let variable = definition.enabledIf, Settings(service.environment)[variable] == nil {
                service.state = .disabled
                service.note = "\(variable) is not set"
            } else if let dependency = definition.dependsOn.first(where: { services[$0]?.state == .disabled }) {
                service.state = .disabled
                service.note = "depends on \(dependency), which is disabled"
            }
            services[name] = service
        }
        self.services = services
        console.alignNames(configuration.services.map(\.name))
    }

    /// Runs until the mesh is stopped (`requestStop`, `mesh.stop`, graceful shutdown of the
    /// service group); throws `startFailed` when a service could not start.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.stopWhenRequested() }
                for name in startOrder {
                    group.addTask { await self.supervise(name) }
                }
            }
        } onGracefulShutdown: { [stopContinuation] in
            stopContinuation.yield()
        }
        if let startFailure { throw startFailure }
    }

    /// Asks the mesh to stop every service in reverse dependency order; `run()` returns after.
    public nonisolated func requestStop() {
        stopContinuation.yield()
    }

    /// The services that are still to be stopped, in the order they will be.
    public var stopOrder: [String] {
        startOrder.reversed().filter { services[$0]?.child?.isRunning == true }
    }

    /// Every service's row for `mesh status`, in start order.
    public func status() -> [MeshStatus.Service] {
        let now = ContinuousClock.now
        return startOrder.compactMap { services[$0]?.status(now: now) }
    }

    /// The last `lines` lines `name` wrote, only those after sequence number `after`.
    public func logs(of name: String, lines: Int, after: Int64 = 0) throws(Error) -> MeshLogs.Result {
        guard let service = services[name] else { throw .unknownService(name) }
        let (kept, last) = service.log.lines(last: lines, after: after)
        return MeshLogs.Result(service: name, lines: kept, lastSequence: last)
    }

    private func stopWhenRequested() async {
        // Ends on the first request, or when the task is cancelled; either way, stop everything.
        for await _ in stopRequests { break }
        await stopAll()
    }
}
