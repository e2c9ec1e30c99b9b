import Synchronization

/// Live numbers of one server, shared between its connection loops and `sys.info`.
final class WireServerStats: Sendable {
    private let inFlight = Atomic<Int>(0)
    private let startedAt = ContinuousClock.now

    var inFlightCount: Int { inFlight.load(ordering: .relaxed) }

    var uptimeSeconds: Double {
        let elapsed = ContinuousClock.now - startedAt
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func requestStarted() { inFlight.add(1, ordering: .relaxed) }
    func requestFinished() { inFlight.subtract(1, ordering: .relaxed) }
}
