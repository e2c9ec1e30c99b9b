import HTTPTypes
import Hummingbird
import NIOCore
import Wire

/// Applies the rate limit per Telegram user, or per client address when there is none.
/// The admin token, and admins unless `RATE_LIMIT_ADMINS`, are not limited.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let limiter: RateLimiter
    let policy: RateLimitPolicy
    let adminTelegramIDs: Set<Int64>
    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key = key(for: context) else {
            return try await next(request, context)
        }
        switch await limiter.admit(key) {
        case .allowed:
            return try await next(request, context)
        case .limited(let retryAfter):
            metrics.rateLimited()
            let seconds = max(1, Int((Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18).rounded(.up)))
            throw GatewayError(
                .rateLimited,
                "too many requests; try again in \(seconds) s",
                details: ["retry_after": .int(Int64(seconds))],
                headers: [.retryAfter: String(seconds)]
            )
        }
    }

    private func key(for context: Context) -> String? {
        switch context.caller {
        case .adminToken:
            return nil
        case .bot(let id), .session(let id):
            if !policy.limitsAdmins, adminTelegramIDs.contains(id) { return nil }
            return "tg:\(id)"
        case nil:
            return "ip:" + (context.remoteAddress?.ipAddress ?? "unknown")
        }
    }
}
