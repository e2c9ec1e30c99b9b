import Hummingbird
import Wire

/// `GET /api/v1/health` (public): each service's `sys.health`; 503 naming those that are down.
/// `GET /metrics` (public, for Prometheus on a private network).
struct HealthRoutes {
    let services: MeshServices
    let metrics: GatewayMetrics

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/health") { _, context -> Response in
            let report = await HealthReport.collect(from: services, ctx: context.wireContext, timeout: .seconds(1))
            return try JSONResponse.make(report, status: report.down.isEmpty ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: .init(string: metrics.render()))
            )
        }
    }
}
