import NIOCore

/// The Bot API methods the bot uses, each a thin typed wrapper over `call`.
extension TelegramClient {
    struct NoParameters: Encodable, Sendable {}

    public func getMe() async throws(Failure) -> TelegramUser {
        try await call("getMe", NoParameters(), as: TelegramUser.self)
    }

    struct GetUpdates: Encodable, Sendable {
        var offset: Int64?
        var timeout: Int
        var allowedUpdates: [String]
        enum CodingKeys: String, CodingKey {
            case offset, timeout
            case allowedUpdates = "allowed_updates"
        }
    }

    /// Long polling: waits up to `timeout` seconds for updates from `offset` on.
    public func getUpdates(offset: Int64?, timeout: Int) async throws(Failure) -> [TelegramUpdate] {
        try await call(
            "getUpdates", GetUpdates(offset: offset, timeout: timeout, allowedUpdates: ["message", "callback_query"]),
            as: [TelegramUpdate].self,
            extraTimeout: .seconds(Int64(timeout)))
    }

    struct SetWebhook: Encodable, Sendable {
        var url: String
        var secretToken: String
        var allowedUpdates: [String]
        enum CodingKeys: String, CodingKey {
            case url
            case secretToken = "secret_token"
            case allowedUpdates = "allowed_updates"
        }
    }

    public func setWebhook(url: String, secretToken: String) async throws(Failure) {
        _ = try await call(
            "setWebhook", SetWebhook(url: url, secretToken: secretToken, allowedUpdates: ["message", "callback_query"]), as: Bool.self)
    }

    struct DeleteWebhook: Encodable, Sendable {
        var dropPendingUpdates = false
        enum CodingKeys: String, CodingKey { case dropPendingUpdates = "drop_pending_updates" }
    }

    public func deleteWebhook() async throws(Failure) {
        _ = try await call("deleteWebhook", DeleteWebhook(), as: Bool.self)
    }

    struct SetMyCommands: Encodable, Sendable {
        var commands: [TelegramBotCommand]
        var languageCode: String?
        enum CodingKeys: String, CodingKey {
            case commands
            case languageCode = "language_code"
        }
    }

    /// The command menu; `languageCode` nil is the default for every other language.
    public func setMyCommands(_ commands: [TelegramBotCommand], languageCode: String?) async throws(Failure) {
        _ = try await call("setMyCommands", SetMyCommands(commands: commands, languageCode: languageCode), as: Bool.self)
    }

    /// `sendMessage`'s parameters.
    public struct OutgoingMessage: Encodable, Sendable, Equatable {
        public var chatID: Int64
        public var text: String
        /// `HTML` or nil for plain text.
        public var parseMode: String?
        public var replyMarkup: InlineKeyboard?
        public var replyToMessageID: Int64?
        public var disableWebPagePreview: Bool? = true
        /// A group message may be deleted before the answer: answer anyway, not as a reply.
        public var allowSendingWithoutReply: Bool?

        public init(chatID: Int64, text: String, html: Bool = true, keyboard: InlineKeyboard? = nil, replyTo: Int64? = nil) {
            self.chatID = chatID
            self.text = text
            parseMode = html ? "HTML" : nil
            replyMarkup = keyboard
            replyToMessageID = replyTo
            allowSendingWithoutReply = replyTo == nil ? nil : true
        }

        enum CodingKeys: String, CodingKey {
            case text
            case chatID = "chat_id"
            case parseMode = "parse_mode"
            case replyMarkup = "reply_markup"
            case replyToMessageID = "reply_to_message_id"
            case disableWebPagePreview = "disable_web_page_preview"
            case allowSendingWithoutReply = "allow_sending_without_reply"
        }
    }

    public func sendMessage(_ message: OutgoingMessage) async throws(Failure) -> TelegramMessage {
        try await call("sendMessage", message, as: TelegramMessage.self)
    }

    /// `editMessageText`'s parameters.
    public struct MessageEdit: Encodable, Sendable, Equatable {
        public var chatID: Int64
        public var messageID: Int64
        public var text: String
        public var parseMode: String?
        public var replyMarkup: InlineKeyboard?

        public init(chatID: Int64, messageID: Int64, text: String, html: Bool = true, keyboard: InlineKeyboard? = nil) {
            self.chatID = chatID
            self.messageID = messageID
            self.text = text
            parseMode = html ? "HTML" : nil
            replyMarkup = keyboard
        }

        enum CodingKeys: String, CodingKey {
            case text
            case chatID = "chat_id"
            case messageID = "message_id"
            case parseMode = "parse_mode"
            case replyMarkup = "reply_markup"
        }
    }

    /// Telegram answers an edit with the message, or `true` for inline messages; we only need success.
    public func editMessageText(_ edit: MessageEdit) async throws(Failure) {
        _ = try await call("editMessageText", edit, as: TelegramMessage.self)
    }

    struct AnswerCallback: Encodable, Sendable {
        var callbackQueryID: String
        var text: String?
        enum CodingKeys: String, CodingKey {
            case text
            case callbackQueryID = "callback_query_id"
        }
    }

    public func answerCallbackQuery(_ id: String, text: String? = nil) async throws(Failure) {
        _ = try await call("answerCallbackQuery", AnswerCallback(callbackQueryID: id, text: text), as: Bool.self)
    }

    struct ChatAction: Encodable, Sendable {
        var chatID: Int64
        var action: String
        enum CodingKeys: String, CodingKey {
            case action
            case chatID = "chat_id"
        }
    }

    /// "typing…" for about five seconds, or until the next message.
    public func sendChatAction(chatID: Int64, action: String = "typing") async throws(Failure) {
        _ = try await call("sendChatAction", ChatAction(chatID: chatID, action: action), as: Bool.self)
    }

    struct GetFile: Encodable, Sendable {
        var fileID: String
        enum CodingKeys: String, CodingKey { case fileID = "file_id" }
    }

    public func getFile(_ fileID: String) async throws(Failure) -> TelegramFile {
        try await call("getFile", GetFile(fileID: fileID), as: TelegramFile.self)
    }
}
