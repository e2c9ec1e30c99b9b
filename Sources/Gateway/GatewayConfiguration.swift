import ServiceSupport

/// Everything `gateway` needs to start, read once from the settings.
public struct GatewayConfiguration: Sendable {
    /// `GATEWAY_HOST` (default 127.0.0.1).
    public var host: String
    /// `GATEWAY_PORT` (default 8080; 0 picks a free port, for tests).
    public var port: Int
    public var layout: MeshLayout
    public var wire: WireSettings
    /// `ADMIN_API_TOKEN`: a bearer token with every right.
    public var adminToken: String
    /// `BOT_API_SECRET`: the key of bot-signed requests.
    public var botSecret: String
    /// `TELEGRAM_BOT_TOKEN`: verifies Login Widget and Mini App sign-ins; they are refused without it.
    public var telegramBotToken: String?
    /// `SESSION_TTL_HOURS` (default 24): how long a session token from `/auth/telegram` lasts.
    public var sessionLifetime: Duration
    /// `RATE_LIMIT_PER_MINUTE` (30), `RATE_LIMIT_BURST` (10), `RATE_LIMIT_ADMINS` (false).
    public var rateLimit: RateLimitPolicy
    /// `MAX_BODY_BYTES` (default 1 MiB): larger JSON bodies get 413.
    public var maxBodyBytes: Int
    /// `ADMIN_TELEGRAM_IDS`: admins from the start, never rate limited unless `RATE_LIMIT_ADMINS`.
    public var adminTelegramIDs: Set<Int64>
    /// `UPLOAD_MAX_BYTES` (default 50 MiB): larger uploads to `/ingestion/files` get 413.
    public var uploadMaxBytes: Int = 50 << 20

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        layout: MeshLayout,
        wire: WireSettings = WireSettings(),
        adminToken: String,
        botSecret: String,
        telegramBotToken: String? = nil,
        sessionLifetime: Duration = .seconds(24 * 3600),
        rateLimit: RateLimitPolicy = RateLimitPolicy(),
        maxBodyBytes: Int = 1 << 20,
        adminTelegramIDs: Set<Int64> = []
    ) {
        self.host = host
        self.port = port
        self.layout = layout
        self.wire = wire
        self.adminToken = adminToken
        self.botSecret = botSecret
        self.telegramBotToken = telegramBotToken
        self.sessionLifetime = sessionLifetime
        self.rateLimit = rateLimit
        self.maxBodyBytes = maxBodyBytes
        self.adminTelegramIDs = adminTelegramIDs
    }

    public init(settings: Settings) throws {
        self.init(
            host: settings.string("GATEWAY_HOST", default: "127.0.0.1"),
            port: try settings.int("GATEWAY_PORT", default: 8080, range: 0...65535),
            layout: MeshLayout(settings: settings),
            wire: try WireSettings(settings: settings),
            adminToken: try Self.secret(settings, "ADMIN_API_TOKEN", meaning: "the bearer token for operators and scripts"),
            botSecret: try Self.secret(settings, "BOT_API_SECRET", meaning: "the shared secret that signs bot requests"),
            telegramBotToken: settings["TELEGRAM_BOT_TOKEN"],
            sessionLifetime: .seconds(try settings.int("SESSION_TTL_HOURS", default: 24, range: 1...24 * 365) * 3600),
            rateLimit: RateLimitPolicy(
                perMinute: try settings.int("RATE_LIMIT_PER_MINUTE", default: 30, range: 1...1_000_000),
                burst: try settings.int("RATE_LIMIT_BURST", default: 10, range: 1...1_000_000),
                limitsAdmins: try settings.bool("RATE_LIMIT_ADMINS", default: false),
                maxTrackedKeys: try settings.int("RATE_LIMIT_MAX_KEYS", default: 50_000, range: 100...10_000_000)
            ),
            maxBodyBytes: try settings.int("MAX_BODY_BYTES", default: 1 << 20, range: 1024...(1 << 30)),
            adminTelegramIDs: Set(try settings.int64List("ADMIN_TELEGRAM_IDS"))
        )
        uploadMaxBytes = try settings.int("UPLOAD_MAX_BYTES", default: 50 << 20, range: 1024...(1 << 40))
    }

    /// A secret must be long enough that guessing it is hopeless.
    private static func secret(_ settings: Settings, _ variable: String, meaning: String) throws(ConfigurationError) -> String {
        let value = try settings.required(variable, meaning: meaning)
        guard value.count >= 16 else {
            throw .invalid(variable: variable, value: "(\(value.count) characters)", expected: "at least 16 characters")
        }
        return value
    }
}
