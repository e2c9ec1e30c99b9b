import Logging

/// What the bot does with one update: the commands, questions, buttons and documents of the
/// issue, each answered in the person's language. Stateless: everything about a person lives
/// in the gateway's user record (role, status, language, active knowledge base).
public struct Conversation: Sendable {
    /// The settings the conversation needs, from `BotEdgeConfiguration`.
    public struct Settings: Sendable {
        public var adminTelegramIDs: [Int64]
        public var maxDownloadBytes: Int
        public var progressEditInterval: Duration
        /// How often an upload's task is polled while its progress is shown.
        public var progressPollInterval: Duration

        public init(
            adminTelegramIDs: [Int64] = [], maxDownloadBytes: Int = 20 << 20, progressEditInterval: Duration = .seconds(3),
            progressPollInterval: Duration = .seconds(1)
        ) {
            self.adminTelegramIDs = adminTelegramIDs
            self.maxDownloadBytes = maxDownloadBytes
            self.progressEditInterval = progressEditInterval
            self.progressPollInterval = progressPollInterval
        }
    }

    let gateway: GatewayClient
    let telegram: TelegramClient
    let sender: MessageSender
    /// The bot itself, from `getMe`: its id for replies, its username for @mentions.
    let bot: TelegramUser
    let settings: Settings
    /// Carries the update's correlation id once `handle` has started.
    private(set) var logger: Logger
    let splitter = MessageSplitter()
    /// Where uploads go to have their progress shown; nil: shown while handling the update.
    let uploads: AsyncStream<UploadWatch>.Continuation?

    public init(
        gateway: GatewayClient, telegram: TelegramClient, sender: MessageSender, bot: TelegramUser, settings: Settings, logger: Logger,
        uploads: AsyncStream<UploadWatch>.Continuation? = nil
    ) {
        self.uploads = uploads
        self.gateway = gateway
        self.telegram = telegram
        self.sender = sender
        self.bot = bot
        self.settings = settings
        self.logger = logger
    }

    /// Handles one update to the end: every reply it causes has been sent (or logged as
    /// undeliverable) when this returns, so the caller may then commit its offset.
    public func handle(_ update: TelegramUpdate) async {
        var turn = self
        turn.logger[metadataKey: "correlation_id"] = "upd-\(update.updateID)"
        if let message = update.message {
            turn.logger[metadataKey: "telegram_id"] = "\(message.from?.id ?? 0)"
            await turn.handle(message, updateID: update.updateID)
        } else if let query = update.callbackQuery {
            turn.logger[metadataKey: "telegram_id"] = "\(query.from.id)"
            await turn.handle(query, updateID: update.updateID)
        }
    }

    /// One person's turn: who, where, in which language, and what the gateway knows of them.
    struct Turn: Sendable {
        var chatID: Int64
        var from: TelegramUser
        var caller: GatewayClient.Caller
        var catalog: MessageCatalog
        /// In groups the bot answers as a reply, so it is clear to whom.
        var replyTo: Int64?
        var user: GatewayUser?

        var language: Language { catalog.language }
    }

    /// Sends `html` to the turn's chat, split into parts that fit; `keyboard` goes under the last.
    func reply(_ turn: Turn, _ html: String, keyboard: InlineKeyboard? = nil) async {
        await send(to: turn.chatID, html, keyboard: keyboard, replyTo: turn.replyTo)
    }

    func send(to chatID: Int64, _ html: String, keyboard: InlineKeyboard? = nil, replyTo: Int64? = nil) async {
        let parts = splitter.split(html)
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            let message = TelegramClient.OutgoingMessage(
                chatID: chatID, text: part, keyboard: last ? keyboard : nil, replyTo: index == 0 ? replyTo : nil)
            do {
                try await sender.send(message)
            } catch {
                // MessageSender has logged it; the rest of the parts would make no sense alone.
                return
            }
        }
    }

    func say(
        _ turn: Turn, _ key: CatalogKey, _ values: [String: String] = [:], html: [String: String] = [:], keyboard: InlineKeyboard? = nil
    ) async {
        await reply(turn, turn.catalog.text(key, values, html: html), keyboard: keyboard)
    }

    /// Tells the person what went wrong in words they understand; the details go to the log.
    func explain(_ failure: GatewayFailure, _ turn: Turn, notFound: CatalogKey = .noSuchKnowledgeBase, conflict: CatalogKey = .genericError)
        async
    {
        logger.info("gateway refused", metadata: ["telegram_id": "\(turn.from.id)", "failure": "\(failure)"])
        switch failure {
        case .rateLimited(let seconds): await say(turn, .rateLimited, ["seconds": String(seconds)])
        case .pending: await say(turn, .pendingStill)
        case .blocked: await say(turn, .blockedNotice)
        case .unknownUser: await say(turn, .unknownUser)
        case .forbidden: await say(turn, .notAllowed)
        case .notFound: await say(turn, notFound)
        case .conflict: await say(turn, conflict)
        case .unavailable: await say(turn, .serviceUnavailable)
        case .tooLarge, .invalid, .other: await say(turn, .genericError)
        }
    }

    /// "typing…" while the gateway works; a failure here is not worth a word.
    func showTyping(_ chatID: Int64) async {
        try? await telegram.sendChatAction(chatID: chatID)
    }
}
