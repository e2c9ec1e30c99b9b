import Foundation
import HTTPServing
import NIOCore
import HTTPTypes
import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the gateway's HTTP server; its `main` and the tests both call this.
/// `onListening` gets the bound port (the tests bind port 0).
public func buildGateway(
    configuration: GatewayConfiguration, logger: Logger, metrics: GatewayMetrics = GatewayMetrics(),
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> HTTPServer<GatewayRequestContext> {
    HTTPServer(
        router: buildGatewayRouter(configuration: configuration, metrics: metrics),
        host: configuration.host, port: configuration.port, logger: logger, onListening: onListening)
}

/// The router with every route and the middleware in order: metrics outermost (it sees the
/// final status), then correlation ids, the error envelope, authentication, the rate limit.
func buildGatewayRouter(configuration: GatewayConfiguration, metrics: GatewayMetrics) -> Router<GatewayRequestContext> {
    let routes = GatewayRoutes(configuration: configuration, metrics: metrics)
    let router = Router(context: GatewayRequestContext.self)
    routes.register(on: router)
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: CorrelationIDMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware())
    router.add(middleware: AuthenticationMiddleware(
        adminToken: SecretDigest(configuration.adminToken),
        botSecret: configuration.botSecret,
        sessions: routes.sessions,
        nonces: NonceRegistry(),
        maxBodyBytes: configuration.maxBodyBytes
    ))
    router.add(middleware: routes.rateLimit)
    return router
}
