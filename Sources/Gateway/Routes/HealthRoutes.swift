import HTTPServing
import NIOCore
import HTTPTypes
import Wire

/// `GET /api/v1/health` (public): each service's `sys.health`; 503 naming those that are down.
/// Health requests share rounds of checks, and a report for 100 ms (`SharedHealthProbe`).
/// `GET /metrics` (public, for Prometheus on a private network).
struct HealthRoutes {
    let probe: SharedHealthProbe
    let metrics: GatewayMetrics

    init(services: MeshServices, metrics: GatewayMetrics) {
        probe = SharedHealthProbe(services: services, timeout: .seconds(1))
        self.metrics = metrics
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api/v1/health") { _, _ -> Response in
            let rendered = try await probe.report()
            return Response(
                status: rendered.report.down.isEmpty ? .ok : .serviceUnavailable,
                headers: [.contentType: JSONResponse.contentType], body: rendered.json)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ByteBuffer(string: metrics.render())
            )
        }
    }
}
