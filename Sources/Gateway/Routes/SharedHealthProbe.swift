import Synchronization
import Wire

/// One `sys.health` round over every service, shared by the health requests that arrive
/// while it runs.
///
/// A monitoring system, a load balancer and a benchmark can all poll `/api/v1/health` at
/// once; asking each service three times per request would make health checks the mesh's
/// busiest traffic. Instead a request joins the round already under way, or starts one. No
/// answer is older than the round it joined, which started at most one round-trip earlier,
/// so a service that went down is reported by the next round, as before.
final class SharedHealthProbe: Sendable {
    private let services: MeshServices
    private let timeout: Duration
    private let round = Mutex<Task<HealthReport, Never>?>(nil)

    init(services: MeshServices, timeout: Duration) {
        self.services = services
        self.timeout = timeout
    }

    /// The report of the round under way, or of a new one.
    func report() async -> HealthReport {
        let current = round.withLock { round -> Task<HealthReport, Never> in
            if let round { return round }
            let started = Task { [services, timeout] in
                let report = await HealthReport.collect(from: services, ctx: .background("health-probe"), timeout: timeout)
                self.round.withLock { $0 = nil }
                return report
            }
            round = started
            return started
        }
        return await current.value
    }
}
