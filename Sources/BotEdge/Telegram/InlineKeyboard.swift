/// Buttons under a message (`reply_markup`). Callback data is at most 64 bytes.
public struct InlineKeyboard: Codable, Sendable, Equatable {
    public var inlineKeyboard: [[Button]]

    public init(_ rows: [[Button]]) {
        inlineKeyboard = rows
    }

    /// One button: either sends `callback_data` back to the bot or opens `url`.
    public struct Button: Codable, Sendable, Equatable {
        public var text: String
        public var callbackData: String?
        public var url: String?

        public init(_ text: String, data: String) {
            self.text = text
            callbackData = data
        }

        enum CodingKeys: String, CodingKey {
            case text, url
            case callbackData = "callback_data"
        }
    }

    enum CodingKeys: String, CodingKey {
        case inlineKeyboard = "inline_keyboard"
    }
}
