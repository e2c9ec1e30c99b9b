import Foundation
import Logging
import Wire

extension MeshSupervisor {
    /// The whole life of one service: wait for its dependencies, start it, watch it, and
    /// restart it as its policy says, until the mesh stops.
    func supervise(_ name: String) async {
        guard services[name]?.state != .disabled else { return }
        guard await waitForDependencies(of: name) else { return }
        var isFirstStart = true
        while !stopping, !Task.isCancelled {
            let end = await runOnce(name)
            guard !stopping, !Task.isCancelled else { break }
            guard let service = services[name] else { return }
            if service.becameHealthy {
                isFirstStart = false
            } else if isFirstStart, !service.restartRequested {
                failStart(name, reason: end)
                return
            }
            guard await prepareRestart(name, after: end) else { break }
        }
        settleStopped(name)
    }

    /// Launches one process and watches it until it has exited; returns why it ended.
    private func runOnce(_ name: String) async -> ExitReason {
        guard var service = services[name], !stopping, !Task.isCancelled else { return .exited(status: 0) }
        service.generation += 1
        service.restartRequested = false
        service.becameHealthy = false
        service.state = .starting
        service.health = "unknown"
        let child: ChildProcess
        do {
            child = try ChildProcess.launch(
                executable: service.executablePath,
                arguments: service.definition.arguments,
                environment: service.environment
            )
        } catch {
            service.child = nil
            services[name] = service
            logger.error("service could not be launched", metadata: ["name": "\(name)", "error": "\(error)"])
            return .launchFailed(error.description)
        }
        service.child = child
        services[name] = service
        logger.info("service starting", metadata: ["name": "\(name)", "pid": "\(child.pid)", "executable": "\(service.executablePath)"])

        let probe = HealthProbe(
            check: service.definition.health,
            serviceName: name,
            environment: service.environment,
            timeout: configuration.supervision.healthTimeout
        )
        let log = service.log
        let console = self.console
        let end = await withTaskGroup(of: Void.self, returning: ExitReason.self) { group in
            group.addTask {
                await child.output.forwardLines { line in
                    log.append(line)
                    console.write(service: name, line: line)
                }
            }
            let end = await watch(name, child: child, probe: probe)
            // The reader ends at end of file; a helper the process left behind may still hold
            // the pipe open, so it gets a moment to drain and is then cancelled.
            group.addTask { try? await Task.sleep(for: .seconds(1)) }
            _ = await group.next()
            group.cancelAll()
            return end
        }
        await probe.close()
        if child.exitReason != nil, services[name]?.child === child {
            services[name]?.child = nil
        }
        return end
    }

    /// Waits until `child` exits, stopping it first if it turns unhealthy or does not become
    /// healthy in time; returns why its life ended.
    private func watch(_ name: String, child: ChildProcess, probe: HealthProbe) async -> ExitReason {
        enum Event: Sendable {
            case exited(ExitReason?)
            case unhealthy(ExitReason)
            case healthWatchEnded
        }
        let gracePeriod = services[name]?.definition.stopGracePeriod ?? .seconds(10)
        return await withTaskGroup(of: Event.self, returning: ExitReason.self) { group in
            group.addTask { .exited(await child.waitForExit()) }
            group.addTask {
                guard let verdict = await self.watchHealth(name, child: child, probe: probe) else { return .healthWatchEnded }
                return .unhealthy(verdict)
            }
            while let event = await group.next() {
                switch event {
                case .exited(let reason):
                    group.cancelAll()
                    if let reason, !stopping, services[name]?.restartRequested != true {
                        logger.warning("service exited", metadata: ["name": "\(name)", "pid": "\(child.pid)", "exit": "\(reason)"])
                    }
                    return reason ?? child.exitReason ?? .signaled(SIGKILL)
                case .unhealthy(let reason):
                    services[name]?.state = .restarting
                    logger.error("stopping unhealthy service", metadata: ["name": "\(name)", "pid": "\(child.pid)", "reason": "\(reason)"])
                    await child.terminate(gracePeriod: gracePeriod)
                    group.cancelAll()
                    return reason
                case .healthWatchEnded:
                    continue
                }
            }
            return child.exitReason ?? .signaled(SIGKILL)
        }
    }

    /// Polls until `child` is healthy (marking it running), then checks it every health
    /// interval. Returns a reason to stop it, or nil when watching is over for another reason.
    private func watchHealth(_ name: String, child: ChildProcess, probe: HealthProbe) async -> ExitReason? {
        guard let definition = services[name]?.definition else { return nil }
        let policy = configuration.supervision
        let launchedAt = ContinuousClock.now
        while true {
            guard isCurrent(child, of: name) else { return nil }
            let verdict = await probe.check(timeout: policy.healthTimeout)
            guard isCurrent(child, of: name) else { return nil }
            if verdict == .ok { break }
            if ContinuousClock.now - launchedAt >= definition.startTimeout {
                return .startTimedOut(definition.startTimeout)
            }
            guard await pause(.milliseconds(50)) else { return nil }
        }
        services[name]?.state = .running
        services[name]?.becameHealthy = true
        services[name]?.health = probe.hasCheck ? "ok" : "none"
        logger.info(
            "service healthy",
            metadata: [
                "name": "\(name)", "pid": "\(child.pid)", "startup_ms": "\((ContinuousClock.now - launchedAt).wholeMilliseconds)",
            ])
        guard probe.hasCheck else { return nil }

        var failures = 0
        while true {
            guard await pause(policy.healthInterval), isCurrent(child, of: name) else { return nil }
            let verdict = await probe.check(timeout: policy.healthTimeout)
            guard isCurrent(child, of: name) else { return nil }
            switch verdict {
            case .ok:
                failures = 0
                services[name]?.health = "ok"
            case .degraded(let problem):
                failures = 0
                services[name]?.health = "degraded: \(problem)"
            case .failing(let problem):
                failures += 1
                services[name]?.health = "failing (\(failures)/\(policy.healthFailures)): \(problem)"
                logger.warning(
                    "health check failed",
                    metadata: [
                        "name": "\(name)", "failures": "\(failures)", "limit": "\(policy.healthFailures)", "problem": "\(problem)",
                    ])
                if failures >= policy.healthFailures {
                    return .unhealthy(failures: failures, lastProblem: problem)
                }
            }
        }
    }

    /// `child` is still the service's process and nobody is about to stop it.
    private func isCurrent(_ child: ChildProcess, of name: String) -> Bool {
        guard let service = services[name] else { return false }
        return !stopping && !Task.isCancelled && service.child === child && !service.restartRequested && child.isRunning
    }

    /// Waits until every dependency of `name` is running and healthy; false when the mesh
    /// stops first.
    private func waitForDependencies(of name: String) async -> Bool {
        let dependencies = services[name]?.definition.dependsOn ?? []
        var announced = false
        while !stopping, !Task.isCancelled {
            let waitingFor = dependencies.filter { services[$0]?.state != .running || services[$0]?.becameHealthy != true }
            if waitingFor.isEmpty { return true }
            if !announced {
                logger.info(
                    "service waiting for dependencies",
                    metadata: ["name": "\(name)", "dependencies": "\(waitingFor.joined(separator: ","))"])
                announced = true
            }
            guard await pause(.milliseconds(20)) else { return false }
        }
        return false
    }

    /// Sleeps; false when the task was cancelled.
    func pause(_ duration: Duration) async -> Bool {
        (try? await Task.sleep(for: duration)) != nil
    }
}
