/// The recent failures of one service: they decide the backoff before its next restart and
/// whether it is in a crash loop.
struct RestartHistory: Sendable {
    let policy: SupervisionPolicy
    private(set) var failures: [ContinuousClock.Instant] = []

    init(policy: SupervisionPolicy) {
        self.policy = policy
    }

    /// Records a failure at `now` and forgets those older than the crash-loop window.
    mutating func recordFailure(at now: ContinuousClock.Instant) {
        failures.removeAll { now - $0 > policy.crashLoopWindow }
        failures.append(now)
    }

    /// Failures inside the window reached the limit: stop restarting.
    var isCrashLooping: Bool {
        failures.count >= policy.crashLoopFailures
    }

    /// The pause before the next restart: `backoffInitial`, doubled for each further recent
    /// failure, never more than `backoffMax`.
    var backoff: Duration {
        var delay = policy.backoffInitial
        for _ in 1..<max(1, failures.count) {
            delay *= 2
            if delay >= policy.backoffMax { break }
        }
        return min(delay, policy.backoffMax)
    }

    /// Starts afresh, after an operator restarts a failed service.
    mutating func reset() {
        failures.removeAll()
    }
}
