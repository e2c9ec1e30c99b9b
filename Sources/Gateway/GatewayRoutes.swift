import HTTPServing
import NIOCore
import HTTPTypes

/// Every route of the gateway, and the catalog of them.
struct GatewayRoutes {
    let services: MeshServices
    let metrics: GatewayMetrics
    let sessions: SessionTokenIssuer
    let telegramBotToken: String?
    let staging: UploadStaging
    /// The rate limit: middleware for every route, and applied by the upload route itself
    /// once a bot signature is verified.
    let rateLimit: RateLimitMiddleware

    init(configuration: GatewayConfiguration, metrics: GatewayMetrics) {
        self.metrics = metrics
        rateLimit = RateLimitMiddleware(
            limiter: RateLimiter(policy: configuration.rateLimit), policy: configuration.rateLimit,
            adminTelegramIDs: configuration.adminTelegramIDs, metrics: metrics)
        services = MeshServices(layout: configuration.layout, wire: configuration.wire, metrics: metrics)
        sessions = SessionTokenIssuer(secret: configuration.botSecret, lifetime: configuration.sessionLifetime)
        telegramBotToken = configuration.telegramBotToken
        staging = UploadStaging(layout: configuration.layout, maxBytes: configuration.uploadMaxBytes)
    }

    func register(on router: Router<GatewayRequestContext>) {
        let authorizer = Authorizer(services: services)
        HealthRoutes(services: services, metrics: metrics).register(on: router)
        OpenAPIRoute().register(on: router)
        AuthRoutes(services: services, verifier: telegramBotToken.map(TelegramLoginVerifier.init), sessions: sessions).register(on: router)
        UserRoutes(services: services, authorizer: authorizer).register(on: router)
        KnowledgeRoutes(services: services, authorizer: authorizer).register(on: router)
        RAGRoutes(services: services, authorizer: authorizer).register(on: router)
        IngestionRoutes(services: services, authorizer: authorizer, staging: staging, rateLimit: rateLimit).register(on: router)
        SourcesRoutes(services: services, authorizer: authorizer).register(on: router)
        StatsRoutes(services: services, authorizer: authorizer).register(on: router)
    }
}
