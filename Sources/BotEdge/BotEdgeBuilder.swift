import Logging
import OutboundHTTP
import ServiceLifecycle

/// Builds the services of `bot-edge` from its configuration: asks Telegram who the bot is,
/// registers the command menus, and returns the polling loop or the webhook listener with the
/// conversation behind it. `main` runs them; tests call this too.
public func buildBotEdge(configuration: BotEdgeConfiguration, logger: Logger, http: HTTPClient = .shared) async throws -> [any Service] {
    let telegram = TelegramClient(http: http, baseURL: configuration.telegramBaseURL, token: configuration.botToken)
    let gateway = GatewayClient(
        http: http, baseURL: configuration.gatewayURL, secret: configuration.apiSecret, timeout: configuration.gatewayTimeout)
    let bot = try await telegram.getMe()
    await registerCommands(telegram, logger: logger)
    let sender = MessageSender(
        telegram: telegram,
        limits: .init(
            privateChatInterval: configuration.privateChatInterval, groupPerMinute: configuration.groupMessagesPerMinute,
            globalPerSecond: configuration.globalMessagesPerSecond),
        logger: logger)
    let (watches, uploads) = AsyncStream.makeStream(of: UploadWatch.self)
    let conversation = Conversation(
        gateway: gateway, telegram: telegram, sender: sender, bot: bot,
        settings: .init(
            adminTelegramIDs: configuration.adminTelegramIDs, maxDownloadBytes: configuration.maxDownloadBytes,
            progressEditInterval: configuration.progressEditInterval,
            progressPollInterval: min(.seconds(1), configuration.progressEditInterval / 3 + .milliseconds(100))),
        logger: logger, uploads: uploads)
    let progress = UploadProgressService(watches: watches, conversation: conversation)
    logger.info("bot-edge ready", metadata: ["bot": "\(bot.username ?? String(bot.id))", "mode": "\(configuration.mode.rawValue)"])
    switch configuration.mode {
    case .polling:
        let store = OffsetStore(directory: configuration.stateDirectory)
        return [
            progress,
            UpdatePolling(
                telegram: telegram, store: store, conversation: conversation, timeout: configuration.pollTimeoutSeconds, logger: logger),
        ]
    case .webhook:
        let (updates, continuation) = AsyncStream.makeStream(of: TelegramUpdate.self)
        let listener = WebhookListener(
            telegram: telegram, url: configuration.webhookURL ?? "", host: configuration.webhookHost, port: configuration.webhookPort,
            updates: continuation, logger: logger)
        return [progress, listener, WebhookDispatch(updates: updates, conversation: conversation)]
    }
}

/// The command menu in Russian, English, and Russian again as the default for everyone else.
func registerCommands(_ telegram: TelegramClient, logger: Logger) async {
    let menus: [(Language, String?)] = [(.ru, "ru"), (.en, "en"), (.ru, nil)]
    for (language, code) in menus {
        do {
            try await telegram.setMyCommands(MessageCatalog(language).commands, languageCode: code)
        } catch {
            logger.warning("setMyCommands failed", metadata: ["language": "\(code ?? "default")", "error": "\(error)"])
        }
    }
}
