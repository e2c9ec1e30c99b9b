import ServiceSupport

/// Everything `bot-edge` needs to start, read once from the settings.
public struct BotEdgeConfiguration: Sendable {
    /// `TELEGRAM_BOT_TOKEN`, from @BotFather.
    public var botToken: String
    /// `TELEGRAM_API_BASE_URL` (default https://api.telegram.org).
    public var telegramBaseURL: String
    /// `GATEWAY_URL` (default http://127.0.0.1:8080): the only backend bot-edge talks to.
    public var gatewayURL: String
    /// `BOT_API_SECRET`: signs every request to the gateway.
    public var apiSecret: String
    public var layout: MeshLayout

    public init(settings: Settings) throws {
        botToken = try settings.required("TELEGRAM_BOT_TOKEN", meaning: "the bot's token from @BotFather")
        telegramBaseURL = settings.string("TELEGRAM_API_BASE_URL", default: "https://api.telegram.org")
        gatewayURL = settings.string("GATEWAY_URL", default: "http://127.0.0.1:8080")
        apiSecret = try settings.required("BOT_API_SECRET", meaning: "the shared secret that signs bot requests to the gateway")
        layout = MeshLayout(settings: settings)
    }
}
