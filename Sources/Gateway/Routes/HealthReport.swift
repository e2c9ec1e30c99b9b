import NIOCore
import Wire

/// The answer of `GET /api/v1/health`: each service's `sys.health`, and which are down.
struct HealthReport: Codable, Sendable {
    struct ServiceHealth: Codable, Sendable {
        var status: String
        var error: String?
    }

    var status: String
    var services: [String: ServiceHealth]
    var down: [String]

    /// Asks every service at once; a service that does not answer within `timeout` is down.
    static func collect(from services: MeshServices, ctx: WireContext, timeout: Duration) async -> HealthReport {
        let results = await withTaskGroup(of: (String, ServiceHealth).self) { group in
            for (name, client) in services.all {
                group.addTask {
                    do {
                        let health = try await client.call(SysHealth.self, WireEmpty(), ctx, timeout: timeout)
                        return (name, ServiceHealth(status: health.status))
                    } catch {
                        return (name, ServiceHealth(status: "down", error: (error as? WireError)?.code.rawValue ?? "unavailable"))
                    }
                }
            }
            var collected: [String: ServiceHealth] = [:]
            for await (name, health) in group { collected[name] = health }
            return collected
        }
        let down = results.filter { $0.value.status != "ok" }.map { $0.key }.sorted()
        return HealthReport(status: down.isEmpty ? "ok" : "degraded", services: results, down: down)
    }
}

extension HealthReport {
    /// A report with its JSON, encoded once for all the requests that share it.
    struct Rendered: Sendable {
        let report: HealthReport
        let json: ByteBuffer

        init(_ report: HealthReport) throws {
            self.report = report
            json = try CompactJSONEncoder().encode(report)
        }
    }
}
