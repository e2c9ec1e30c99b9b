import Foundation
import Logging
import ServiceSupport
import Wire

extension MeshSupervisor {
    /// Decides what follows the end of a process: a restart after the backoff, or, per the
    /// restart policy or a crash loop, waiting until an operator restarts it. False when the
    /// mesh stops meanwhile.
    func prepareRestart(_ name: String, after end: ExitReason) async -> Bool {
        guard var service = services[name] else { return false }
        service.lastExit = end
        if service.restartRequested {
            service.restarts += 1
            service.state = .starting
            service.note = nil
            services[name] = service
            logger.info(
                "service restarting on request", metadata: ["name": "\(name)", "exit": "\(end)", "restarts": "\(service.restarts)"])
            return true
        }
        let restartPolicy = service.definition.restart
        guard restartPolicy == .always || (restartPolicy == .onFailure && end.isFailure) else {
            service.state = end.isFailure ? .failed : .stopped
            service.note = "ended with \(end); restart policy is \(restartPolicy.rawValue)"
            services[name] = service
            logger.log(
                level: end.isFailure ? .error : .notice, "service ended and is not restarted",
                metadata: ["name": "\(name)", "exit": "\(end)"])
            return await waitForRestartRequest(name)
        }
        service.history.recordFailure(at: .now)
        let policy = configuration.supervision
        if service.history.isCrashLooping {
            service.state = .failed
            service.note =
                "crash loop: \(policy.crashLoopFailures) failures within \(policy.crashLoopWindow.shortText); `mesh restart \(name)` tries again"
            services[name] = service
            logger.critical(
                "SERVICE FAILED: crash loop, not restarting it again; the other services keep running",
                metadata: [
                    "name": "\(name)", "failures": "\(policy.crashLoopFailures)", "window": "\(policy.crashLoopWindow.shortText)",
                    "exit": "\(end)",
                ])
            return await waitForRestartRequest(name)
        }
        let delay = service.history.backoff
        service.state = .restarting
        service.note = nil
        services[name] = service
        logger.warning(
            "service restarting after backoff",
            metadata: [
                "name": "\(name)", "exit": "\(end)", "backoff_ms": "\(delay.wholeMilliseconds)", "restarts": "\(service.restarts)",
            ])
        let deadline = ContinuousClock.now + delay
        while ContinuousClock.now < deadline, services[name]?.restartRequested != true {
            guard !stopping, await pause(min(deadline - .now, .milliseconds(20))) else { return false }
        }
        guard !stopping else { return false }
        services[name]?.restarts += 1
        return true
    }

    /// A stopped or failed service waits here until `mesh restart` asks for it; false when
    /// the mesh stops first.
    private func waitForRestartRequest(_ name: String) async -> Bool {
        while !stopping {
            if services[name]?.restartRequested == true {
                services[name]?.history.reset()
                services[name]?.restarts += 1
                services[name]?.state = .starting
                services[name]?.note = nil
                logger.info("service starting again on request", metadata: ["name": "\(name)"])
                return true
            }
            guard await pause(.milliseconds(20)) else { return false }
        }
        return false
    }

    /// Stops `name` gracefully and starts it again while the others keep running; answers once
    /// the new process is healthy.
    public func restart(_ name: String) async throws(Error) -> MeshRestart.Result {
        guard let service = services[name] else { throw .unknownService(name) }
        if service.state == .disabled { throw .disabled(service: name, reason: service.note ?? "disabled") }
        guard !stopping else { throw .stopping }
        let generation = service.generation
        services[name]?.restartRequested = true
        logger.info("restart requested", metadata: ["name": "\(name)"])
        if let child = service.child, child.isRunning {
            services[name]?.state = .restarting
            await child.terminate(gracePeriod: service.definition.stopGracePeriod)
        }
        let definition = service.definition
        let deadline = ContinuousClock.now + definition.stopGracePeriod + definition.startTimeout + .seconds(1)
        while ContinuousClock.now < deadline {
            guard !stopping else { throw .stopping }
            if let current = services[name], current.generation > generation, !current.restartRequested {
                if current.state == .running, let pid = current.child?.pid {
                    return MeshRestart.Result(service: name, pid: pid, restarts: current.restarts)
                }
                if current.state == .failed || current.state == .stopped {
                    throw .didNotComeBack(service: name, reason: current.lastExit?.description ?? current.state.rawValue)
                }
            }
            guard await pause(.milliseconds(20)) else { throw .stopping }
        }
        throw .didNotComeBack(service: name, reason: "not healthy within \(definition.startTimeout.shortText)")
    }

    /// The first start of `name` failed: remember why for `run()` and stop the mesh.
    func failStart(_ name: String, reason: ExitReason) {
        services[name]?.state = .failed
        services[name]?.lastExit = reason
        services[name]?.note = "could not start: \(reason)"
        let lines = services[name]?.log.lines(last: 20).lines ?? []
        logger.error("service could not start; stopping the mesh", metadata: ["name": "\(name)", "reason": "\(reason)"])
        if startFailure == nil {
            let why = if case .startTimedOut = reason { "\(reason)" } else { "\(reason) before it became healthy" }
            startFailure = .startFailed(service: name, reason: why, lastLines: lines)
        }
        stopping = true
        requestStop()
    }

    /// Stops every running process in reverse dependency order: SIGTERM, then SIGKILL after
    /// its grace period. Nothing is launched once this begins.
    func stopAll() async {
        stopping = true
        logger.info("stopping services", metadata: ["order": "\(stopOrder.joined(separator: ","))"])
        for name in startOrder.reversed() {
            guard let service = services[name], let child = service.child, child.isRunning else { continue }
            logger.info("stopping service", metadata: ["name": "\(name)", "pid": "\(child.pid)"])
            let reason = await child.terminate(gracePeriod: service.definition.stopGracePeriod)
            if case .signaled(SIGKILL) = reason {
                logger.warning("service did not stop within its grace period and was killed", metadata: ["name": "\(name)"])
            }
            removeStaleSocket(of: name, after: reason)
        }
        for name in startOrder { settleStopped(name) }
        logger.info("all services stopped")
    }

    /// After the mesh stopped: a service that is neither failed nor disabled reads `stopped`.
    func settleStopped(_ name: String) {
        guard let state = services[name]?.state, state != .failed, state != .disabled else { return }
        services[name]?.state = .stopped
    }

    /// A process killed by a signal cannot remove its socket; the file would only mislead.
    private func removeStaleSocket(of name: String, after reason: ExitReason?) {
        guard case .signaled = reason, let service = services[name], case .wire(let socket) = service.definition.health else { return }
        let runDirectory = MeshLayout(settings: Settings(service.environment)).runDirectory
        unlink((runDirectory as NSString).appendingPathComponent(socket))
    }
}
