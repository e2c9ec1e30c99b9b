/// One incoming update from Telegram: a message or a button press. Only the fields the bot
/// uses are decoded; Telegram adds fields freely and unknown ones are ignored.
public struct TelegramUpdate: Codable, Sendable, Equatable {
    /// Increases by one per update; the polling offset and the dedup key.
    public var updateID: Int64
    public var message: TelegramMessage?
    public var callbackQuery: TelegramCallbackQuery?

    public init(updateID: Int64, message: TelegramMessage? = nil, callbackQuery: TelegramCallbackQuery? = nil) {
        self.updateID = updateID
        self.message = message
        self.callbackQuery = callbackQuery
    }

    enum CodingKeys: String, CodingKey {
        case message
        case updateID = "update_id"
        case callbackQuery = "callback_query"
    }

    /// The chat the update belongs to, for ordering work per chat.
    var chatID: Int64? { message?.chat.id ?? callbackQuery?.message?.chat.id ?? callbackQuery?.from.id }
}

/// A Telegram user (`from`).
public struct TelegramUser: Codable, Sendable, Equatable {
    public var id: Int64
    public var isBot: Bool?
    public var firstName: String?
    public var lastName: String?
    public var username: String?
    public var languageCode: String?

    public init(
        id: Int64, isBot: Bool? = false, firstName: String? = nil, lastName: String? = nil, username: String? = nil,
        languageCode: String? = nil
    ) {
        self.id = id
        self.isBot = isBot
        self.firstName = firstName
        self.lastName = lastName
        self.username = username
        self.languageCode = languageCode
    }

    enum CodingKeys: String, CodingKey {
        case id, username
        case isBot = "is_bot"
        case firstName = "first_name"
        case lastName = "last_name"
        case languageCode = "language_code"
    }
}

/// A chat: private (id > 0), group, supergroup or channel.
public struct TelegramChat: Codable, Sendable, Equatable {
    public var id: Int64
    public var type: String

    public init(id: Int64, type: String) {
        self.id = id
        self.type = type
    }

    /// Private chats get direct answers to plain text; groups only to what is meant for the bot.
    public var isPrivate: Bool { type == "private" }
}

/// A document attached to a message.
public struct TelegramDocument: Codable, Sendable, Equatable {
    public var fileID: String
    public var fileName: String?
    public var mimeType: String?
    public var fileSize: Int?

    public init(fileID: String, fileName: String? = nil, mimeType: String? = nil, fileSize: Int? = nil) {
        self.fileID = fileID
        self.fileName = fileName
        self.mimeType = mimeType
        self.fileSize = fileSize
    }

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileName = "file_name"
        case mimeType = "mime_type"
        case fileSize = "file_size"
    }
}

/// `getFile`'s answer: where to download the file from.
public struct TelegramFile: Codable, Sendable, Equatable {
    public var fileID: String
    public var fileSize: Int?
    public var filePath: String?

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id"
        case fileSize = "file_size"
        case filePath = "file_path"
    }
}

/// A press on an inline button.
public struct TelegramCallbackQuery: Codable, Sendable, Equatable {
    public var id: String
    public var from: TelegramUser
    public var message: TelegramMessage?
    public var data: String?

    public init(id: String, from: TelegramUser, message: TelegramMessage? = nil, data: String? = nil) {
        self.id = id
        self.from = from
        self.message = message
        self.data = data
    }
}

/// A bot command as shown in Telegram's menu.
public struct TelegramBotCommand: Codable, Sendable, Equatable {
    public var command: String
    public var description: String

    public init(command: String, description: String) {
        self.command = command
        self.description = description
    }
}
