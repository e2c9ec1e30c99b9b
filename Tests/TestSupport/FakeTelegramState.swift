import Foundation

/// What the fake Telegram server knows: updates waiting to be fetched, every message the bot
/// sent or edited, its commands and webhook, files it may download, and the 429s to give.
public actor FakeTelegramState {
    /// A message the bot sent, with its later edits.
    public struct SentMessage: Sendable, Equatable {
        public var chatID: Int64
        public var messageID: Int64
        /// The text as sent (HTML when `html`).
        public var text: String
        /// What a person sees: the text after parsing.
        public var visibleText: String
        public var html: Bool
        /// `callback_data` of every inline button, row by row.
        public var buttons: [String]
        public var buttonLabels: [String]
        public var replyTo: Int64?
        /// Earlier texts, oldest first, when the message was edited.
        public var previousTexts: [String] = []
        public var editTimes: [ContinuousClock.Instant] = []
        public var sentAt: ContinuousClock.Instant
    }

    public let botID: Int64
    public let botUsername: String
    private var pending: [(id: Int64, json: Data)] = []
    private var confirmedOffset: Int64 = 0
    private var nextUpdateID: Int64 = 5000
    private var nextMessageID: Int64 = 100
    public private(set) var sent: [SentMessage] = []
    public private(set) var chatActions: [Int64] = []
    public private(set) var commands: [String: [String]] = [:]
    public private(set) var webhookURL: String?
    public private(set) var webhookSecret: String?
    public private(set) var callbackAnswers: [String] = []
    /// Refused texts, with Telegram's error, for tests of the fallbacks.
    public private(set) var refused: [(text: String, error: String)] = []
    private var files: [String: (size: Int, bytes: [UInt8])] = [:]
    private var floodCount = 0
    private var slowSends: (count: Int, delay: Duration) = (0, .zero)
    private var floodRetryAfter = 1
    /// Chats told to wait, and until when.
    private var pausedUntil: [Int64: ContinuousClock.Instant] = [:]
    /// 429s given, and sends that came before the wait was over (the bot ignoring retry_after).
    public private(set) var floodRefusals: [(chatID: Int64, at: ContinuousClock.Instant)] = []
    public private(set) var floodViolations = 0
    /// Every update id handed out by getUpdates, repeats included.
    public private(set) var deliveries: [Int64] = []

    init(botID: Int64, botUsername: String) {
        self.botID = botID
        self.botUsername = botUsername
    }

    // MARK: Test controls

    /// A person as the tests describe one.
    public struct Person: Sendable {
        public var id: Int64
        public var firstName: String
        public var username: String?
        public var languageCode: String?
        public init(id: Int64, firstName: String, username: String? = nil, languageCode: String? = nil) {
            self.id = id
            self.firstName = firstName
            self.username = username
            self.languageCode = languageCode
        }

        var json: [String: Any] {
            var user: [String: Any] = ["id": id, "is_bot": false, "first_name": firstName]
            if let username { user["username"] = username }
            if let languageCode { user["language_code"] = languageCode }
            return user
        }
    }

    /// Queues a text message from `person`, in their private chat unless `groupID` is given;
    /// returns its update id.
    @discardableResult
    public func sendText(_ text: String, from person: Person, groupID: Int64? = nil, replyToBotMessage: Int64? = nil) -> Int64 {
        var message = baseMessage(from: person, groupID: groupID)
        message["text"] = text
        if let replyToBotMessage, let original = sent.first(where: { $0.messageID == replyToBotMessage }) {
            message["reply_to_message"] = [
                "message_id": replyToBotMessage, "date": 0, "text": original.visibleText,
                "chat": message["chat"] ?? [:], "from": ["id": botID, "is_bot": true, "first_name": "Bot", "username": botUsername],
            ]
        }
        return enqueue(["message": message])
    }

    /// Queues a document from `person`; `fileID` must have been added with `addFile`.
    @discardableResult
    public func sendDocument(fileID: String, name: String, from person: Person) -> Int64 {
        var message = baseMessage(from: person, groupID: nil)
        message["document"] = ["file_id": fileID, "file_unique_id": fileID, "file_name": name, "file_size": files[fileID]?.size ?? 0]
        return enqueue(["message": message])
    }

    /// Queues a press on a button with `data` under the bot's message `messageID`.
    @discardableResult
    public func press(_ data: String, on messageID: Int64, by person: Person) -> Int64 {
        let original = sent.first { $0.messageID == messageID }
        let chatID = original?.chatID ?? person.id
        var query: [String: Any] = ["id": "cb\(nextUpdateID)", "from": person.json, "chat_instance": "1", "data": data]
        query["message"] = [
            "message_id": messageID, "date": 0, "text": original?.visibleText ?? "",
            "chat": ["id": chatID, "type": chatID > 0 ? "private" : "supergroup"],
            "from": ["id": botID, "is_bot": true, "first_name": "Bot", "username": botUsername],
        ]
        return enqueue(["callback_query": query])
    }

    /// A file the bot may fetch; `size` over 20 MB makes getFile refuse it.
    public func addFile(_ fileID: String, bytes: [UInt8], declaredSize: Int? = nil) {
        files[fileID] = (declaredSize ?? bytes.count, bytes)
    }

    /// The next `count` sendMessage calls get 429 with `retry_after`.
    public func floodNextSends(_ count: Int, retryAfter: Int) {
        floodCount = count
        floodRetryAfter = retryAfter
    }

    /// The next `count` sendMessage calls are taken in only after `delay`, as a slow network
    /// or a busy Telegram would.
    public func answerNextSendsSlowly(_ count: Int, after delay: Duration) {
        slowSends = (count, delay)
    }

    /// How long the server holds this sendMessage call before taking it in.
    func takeSendDelay() -> Duration? {
        guard slowSends.count > 0 else { return nil }
        slowSends.count -= 1
        return slowSends.delay
    }

    public func messages(to chatID: Int64) -> [SentMessage] { sent.filter { $0.chatID == chatID } }

    // MARK: Bot API

    private func baseMessage(from person: Person, groupID: Int64?) -> [String: Any] {
        nextMessageID += 1
        let chat: [String: Any] =
            groupID.map { ["id": $0, "type": "supergroup", "title": "Group"] } ?? ["id": person.id, "type": "private"]
        return ["message_id": nextMessageID, "date": Int(Date().timeIntervalSince1970), "chat": chat, "from": person.json]
    }

    private func enqueue(_ body: [String: Any]) -> Int64 {
        nextUpdateID += 1
        var update = body
        update["update_id"] = nextUpdateID
        pending.append((nextUpdateID, (try? JSONSerialization.data(withJSONObject: update)) ?? Data()))
        return nextUpdateID
    }

    /// Telegram's offset rule: asking from `offset` confirms every update below it for good.
    func takeUpdates(offset: Int64?, limit: Int) -> [Data] {
        if let offset, offset > confirmedOffset {
            confirmedOffset = offset
            pending.removeAll { $0.id < offset }
        }
        let batch = pending.prefix(limit)
        deliveries += batch.map(\.id)
        return batch.map(\.json)
    }

    func setWebhook(url: String?, secret: String?) {
        webhookURL = url
        webhookSecret = secret
    }

    func setCommands(_ names: [String], language: String) { commands[language] = names }

    func recordChatAction(_ chatID: Int64) { chatActions.append(chatID) }

    func recordCallbackAnswer(_ id: String) { callbackAnswers.append(id) }

    /// sendMessage: a 429 if one is due, else the message after Telegram's checks.
    func sendMessage(chatID: Int64, text: String, html: Bool, buttons: [(String, String)], replyTo: Int64?) -> Result<
        SentMessage, FakeTelegramError
    > {
        let now = ContinuousClock.now
        if let until = pausedUntil[chatID], now < until {
            floodViolations += 1
            return .failure(.flood(retryAfter: max(1, Int((until - now).components.seconds) + 1)))
        }
        if floodCount > 0 {
            floodCount -= 1
            pausedUntil[chatID] = now + .seconds(floodRetryAfter)
            floodRefusals.append((chatID, now))
            return .failure(.flood(retryAfter: floodRetryAfter))
        }
        switch FakeTelegramHTML.check(text, html: html) {
        case .failure(let error):
            refused.append((text, error.description))
            return .failure(.badRequest(error.description))
        case .success(let visible):
            nextMessageID += 1
            let message = SentMessage(
                chatID: chatID, messageID: nextMessageID, text: text, visibleText: visible, html: html, buttons: buttons.map(\.1),
                buttonLabels: buttons.map(\.0), replyTo: replyTo, sentAt: now)
            sent.append(message)
            return .success(message)
        }
    }

    func editMessage(chatID: Int64, messageID: Int64, text: String, html: Bool, buttons: [(String, String)]) -> Result<
        SentMessage, FakeTelegramError
    > {
        guard let index = sent.firstIndex(where: { $0.chatID == chatID && $0.messageID == messageID }) else {
            return .failure(.badRequest("Bad Request: message to edit not found"))
        }
        switch FakeTelegramHTML.check(text, html: html) {
        case .failure(let error):
            refused.append((text, error.description))
            return .failure(.badRequest(error.description))
        case .success(let visible):
            var message = sent[index]
            if message.text == text, message.buttons == buttons.map(\.1) {
                return .failure(
                    .badRequest(
                        "Bad Request: message is not modified: specified new message content and reply markup of the message are exactly the same as a current content and reply markup of the message"
                    ))
            }
            message.previousTexts.append(message.text)
            message.editTimes.append(.now)
            message.text = text
            message.visibleText = visible
            message.html = html
            message.buttons = buttons.map(\.1)
            message.buttonLabels = buttons.map(\.0)
            sent[index] = message
            return .success(message)
        }
    }

    func file(_ fileID: String) -> (size: Int, bytes: [UInt8])? { files[fileID] }
}

/// A refusal the fake server answers with.
enum FakeTelegramError: Error {
    case flood(retryAfter: Int)
    case badRequest(String)
}
