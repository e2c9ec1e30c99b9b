/// A message in a chat, incoming or one the bot sent.
public final class TelegramMessage: Codable, Sendable, Equatable {
    public let messageID: Int64
    public let from: TelegramUser?
    public let chat: TelegramChat
    public let text: String?
    public let caption: String?
    public let document: TelegramDocument?
    /// The message this one answers; a class, because a message may nest one level of itself.
    public let replyToMessage: TelegramMessage?

    public init(
        messageID: Int64, from: TelegramUser?, chat: TelegramChat, text: String? = nil, caption: String? = nil,
        document: TelegramDocument? = nil,
        replyToMessage: TelegramMessage? = nil
    ) {
        self.messageID = messageID
        self.from = from
        self.chat = chat
        self.text = text
        self.caption = caption
        self.document = document
        self.replyToMessage = replyToMessage
    }

    enum CodingKeys: String, CodingKey {
        case from, chat, text, caption, document
        case messageID = "message_id"
        case replyToMessage = "reply_to_message"
    }

    public static func == (lhs: TelegramMessage, rhs: TelegramMessage) -> Bool {
        lhs.messageID == rhs.messageID && lhs.chat == rhs.chat && lhs.text == rhs.text && lhs.from == rhs.from
            && lhs.document == rhs.document && lhs.replyToMessage == rhs.replyToMessage
    }
}
