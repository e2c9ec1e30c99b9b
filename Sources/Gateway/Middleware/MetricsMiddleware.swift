import HTTPServing
import NIOCore
import HTTPTypes

/// Counts every request by route (the matched pattern, not the raw path, so ids do not make
/// new series) and status, and records its latency.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        metrics.requestFinished(
            route: context.endpointPath ?? "unmatched",
            method: request.method.rawValue,
            status: response.status.code,
            duration: .now - started
        )
        return response
    }
}
