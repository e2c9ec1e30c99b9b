import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the gateway's HTTP application; its `main` and the tests both call this.
public func buildGateway(configuration: GatewayConfiguration, logger: Logger, metrics: GatewayMetrics = GatewayMetrics()) -> some ApplicationProtocol {
    Application(
        router: buildGatewayRouter(configuration: configuration, metrics: metrics),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gateway"),
        logger: logger
    )
}

/// The router with every route and the middleware in order: metrics outermost (it sees the
/// final status), then correlation ids, the error envelope, authentication, the rate limit.
func buildGatewayRouter(configuration: GatewayConfiguration, metrics: GatewayMetrics) -> Router<GatewayRequestContext> {
    let routes = GatewayRoutes(configuration: configuration, metrics: metrics)
    let router = Router(context: GatewayRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: CorrelationIDMiddleware())
    router.add(middleware: ErrorEnvelopeMiddleware(routes: routes.catalog))
    router.add(middleware: AuthenticationMiddleware(
        adminToken: SecretDigest(configuration.adminToken),
        botSecret: configuration.botSecret,
        sessions: routes.sessions,
        nonces: NonceRegistry(),
        maxBodyBytes: configuration.maxBodyBytes
    ))
    router.add(middleware: routes.rateLimit)
    routes.register(on: router)
    return router
}
