import Foundation
import ServiceSupport

/// Everything `bot-edge` needs to start, read once from the settings.
public struct BotEdgeConfiguration: Sendable {
    /// How updates reach the bot.
    public enum Mode: String, Sendable, CaseIterable {
        /// `getUpdates` in a loop: no public address needed.
        case polling
        /// Telegram posts updates to `BOT_WEBHOOK_URL`; we listen on `BOT_WEBHOOK_LISTEN`.
        case webhook
    }

    /// `TELEGRAM_BOT_TOKEN`, from @BotFather.
    public var botToken: String
    /// `TELEGRAM_API_BASE_URL` (default https://api.telegram.org).
    public var telegramBaseURL: String
    /// `GATEWAY_URL` (default http://127.0.0.1:8080): the only backend bot-edge talks to.
    public var gatewayURL: String
    /// `BOT_API_SECRET`: signs every request to the gateway.
    public var apiSecret: String
    public var layout: MeshLayout
    /// `BOT_MODE`: polling (default) or webhook.
    public var mode: Mode
    /// `BOT_WEBHOOK_URL`: the public HTTPS address Telegram posts to (webhook mode).
    public var webhookURL: String?
    /// `BOT_WEBHOOK_LISTEN` (default 127.0.0.1:8443): where the webhook listener binds.
    public var webhookHost: String
    public var webhookPort: Int
    /// `BOT_POLL_TIMEOUT` (default 30 s): how long one `getUpdates` may wait for news.
    public var pollTimeoutSeconds: Int
    /// `ADMIN_TELEGRAM_IDS`: told about new users even before any admin is in the users list.
    public var adminTelegramIDs: [Int64]
    /// `BOT_CHAT_INTERVAL_MS` (default 1000): the least time between two messages to one private chat.
    public var privateChatInterval: Duration
    /// `BOT_GROUP_PER_MINUTE` (default 20): messages per minute to one group.
    public var groupMessagesPerMinute: Int
    /// `BOT_GLOBAL_PER_SECOND` (default 30): messages per second to all chats together.
    public var globalMessagesPerSecond: Int
    /// `BOT_PROGRESS_INTERVAL_MS` (default 3000): the least time between two edits of an upload's progress message.
    public var progressEditInterval: Duration
    /// `BOT_GATEWAY_TIMEOUT_MS` (default 60000): the longest a gateway call may take, an LLM
    /// answer included; also how long a dead gateway takes to become "service unavailable",
    /// since the HTTP client keeps retrying a refused connection until then.
    public var gatewayTimeout: Duration
    /// `BOT_MAX_DOWNLOAD_BYTES` (default 20 MB, Telegram's cap on `getFile`).
    public var maxDownloadBytes: Int

    public init(settings: Settings) throws {
        botToken = try settings.required("TELEGRAM_BOT_TOKEN", meaning: "the bot's token from @BotFather")
        telegramBaseURL = settings.string("TELEGRAM_API_BASE_URL", default: "https://api.telegram.org")
        gatewayURL = settings.string("GATEWAY_URL", default: "http://127.0.0.1:8080")
        apiSecret = try settings.required("BOT_API_SECRET", meaning: "the shared secret that signs bot requests to the gateway")
        layout = MeshLayout(settings: settings)
        mode = try settings.choice("BOT_MODE", default: Mode.polling)
        webhookURL = settings["BOT_WEBHOOK_URL"]
        if mode == .webhook, webhookURL == nil {
            throw ConfigurationError.missing(
                variable: "BOT_WEBHOOK_URL", meaning: "the public address Telegram posts updates to in webhook mode")
        }
        let listen = settings.string("BOT_WEBHOOK_LISTEN", default: "127.0.0.1:8443")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
        else {
            throw ConfigurationError.invalid(variable: "BOT_WEBHOOK_LISTEN", value: listen, expected: "host:port")
        }
        webhookHost = String(listen[..<colon])
        webhookPort = port
        pollTimeoutSeconds = try settings.int("BOT_POLL_TIMEOUT", default: 30, range: 0...50)
        adminTelegramIDs = try settings.int64List("ADMIN_TELEGRAM_IDS")
        privateChatInterval = try settings.milliseconds("BOT_CHAT_INTERVAL_MS", default: .seconds(1), range: 0...60_000)
        groupMessagesPerMinute = try settings.int("BOT_GROUP_PER_MINUTE", default: 20, range: 1...1000)
        globalMessagesPerSecond = try settings.int("BOT_GLOBAL_PER_SECOND", default: 30, range: 1...1000)
        progressEditInterval = try settings.milliseconds("BOT_PROGRESS_INTERVAL_MS", default: .seconds(3), range: 0...600_000)
        gatewayTimeout = try settings.milliseconds("BOT_GATEWAY_TIMEOUT_MS", default: .seconds(60), range: 100...600_000)
        maxDownloadBytes = try settings.int("BOT_MAX_DOWNLOAD_BYTES", default: 20 * 1024 * 1024, range: 1...2_000_000_000)
    }

    /// `<MESH_DATA_DIR>/bot-edge`: the polling offset, the only state the bot keeps.
    public var stateDirectory: String { layout.dataPath("bot-edge") }
}
