import HTTPTypes
import HTTPServing
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
        // A bot-signed upload has no caller until the route checks its signature; the route
        // calls `admit` then, under the verified id.
        if context.deferredSignature == nil {
            try await admit(context)
        }
        return try await next(request, context)
    }

    /// Counts the request against its caller's limit (or its address's, without a caller);
    /// throws `rateLimited` when the limit is reached.
    func admit(_ context: Context) async throws {
        guard let key = key(for: context) else { return }
        switch await limiter.admit(key) {
        case .allowed:
            return
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
