/// Per-key rate limiting by GCRA (the generic cell rate algorithm): one timestamp per key,
/// the theoretical arrival time of the next request, instead of a bucket that must be refilled.
///
/// Memory is bounded: a key whose timestamp has passed is indistinguishable from a new key,
/// so such idle keys are dropped whenever the table grows past its limit.
public actor RateLimiter {
    /// The limiter's answer: go ahead, or wait this long.
    public enum Decision: Equatable, Sendable {
        case allowed
        case limited(retryAfter: Duration)
    }

    private let interval: Duration
    private let tolerance: Duration
    private let maxTrackedKeys: Int
    private var nextArrival: [String: ContinuousClock.Instant] = [:]

    public init(policy: RateLimitPolicy) {
        interval = .seconds(60) / policy.perMinute
        tolerance = interval * (policy.burst - 1)
        maxTrackedKeys = policy.maxTrackedKeys
    }

    /// Keys remembered right now.
    public var trackedKeys: Int { nextArrival.count }

    /// Counts one request for `key` at `now`.
    public func admit(_ key: String, now: ContinuousClock.Instant = .now) -> Decision {
        let arrival = max(nextArrival[key] ?? now, now)
        let earliest = arrival - tolerance
        guard earliest <= now else {
            return .limited(retryAfter: earliest - now)
        }
        nextArrival[key] = arrival + interval
        if nextArrival.count > maxTrackedKeys {
            forgetIdleKeys(now: now)
        }
        return .allowed
    }

    private func forgetIdleKeys(now: ContinuousClock.Instant) {
        nextArrival = nextArrival.filter { $0.value > now }
        // Many keys busy at once: forget those closest to idle rather than grow without bound,
        // and leave a quarter free so the next sweep is a quarter of the table away.
        let headroom = maxTrackedKeys * 3 / 4
        if nextArrival.count > headroom {
            let keep = nextArrival.sorted { $0.value > $1.value }.prefix(headroom)
            nextArrival = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
    }
}
