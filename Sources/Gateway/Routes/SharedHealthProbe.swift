import Synchronization
import Wire

/// One `sys.health` round over every service, shared by the health requests that arrive
/// while it runs and, for `freshness` after it ends, by those that arrive then.
///
/// A monitoring system, a load balancer and a benchmark can all poll `/api/v1/health` at
/// once; asking each service three times per request would make health checks the mesh's
/// busiest traffic. Instead a request takes a report at most `freshness` old, joins the
/// round under way, or starts one. So a service that went down is reported within
/// `freshness` plus one round.
final class SharedHealthProbe: Sendable {
    private enum State {
        case idle
        case running(Task<HealthReport.Rendered, any Error>)
        case fresh(HealthReport.Rendered, until: ContinuousClock.Instant)
    }

    /// How long a finished round's report answers new requests (100 ms by default: far
    /// below any monitor's polling interval, far above one round).
    let freshness: Duration
    private let services: MeshServices
    private let timeout: Duration
    private let state = Mutex(State.idle)

    init(services: MeshServices, timeout: Duration, freshness: Duration = .milliseconds(100)) {
        self.services = services
        self.timeout = timeout
        self.freshness = freshness
    }

    /// A fresh report, or that of the round under way, or of a new one.
    func report() async throws -> HealthReport.Rendered {
        let answer = state.withLock { state -> Answer in
            switch state {
            case .fresh(let report, let until) where ContinuousClock.now < until:
                return .ready(report)
            case .running(let round):
                return .wait(round)
            case .idle, .fresh:
                let round = Task { [services, timeout, freshness] in
                    do {
                        let report = try HealthReport.Rendered(
                            await HealthReport.collect(from: services, ctx: .background("health-probe"), timeout: timeout))
                        self.state.withLock { $0 = freshness > .zero ? .fresh(report, until: .now + freshness) : .idle }
                        return report
                    } catch {
                        self.state.withLock { $0 = .idle }
                        throw error
                    }
                }
                state = .running(round)
                return .wait(round)
            }
        }
        switch answer {
        case .ready(let report): return report
        case .wait(let round): return try await round.value
        }
    }

    /// A fresh report, or the round to wait for.
    private enum Answer {
        case ready(HealthReport.Rendered)
        case wait(Task<HealthReport.Rendered, any Error>)
    }
}
