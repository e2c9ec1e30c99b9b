import Logging

/// Every message and edit the bot sends goes through here, one actor for the process, so
/// Telegram's limits hold across all conversations: a slot is reserved per message from
/// `FloodControl`, a 429 pauses that chat for `retry_after` and the message is tried again,
/// network errors and 5xx are retried with a capped backoff, HTML Telegram refuses is resent
/// as plain text. A message that still cannot go is logged as an error and the error is
/// thrown to the caller: nothing is dropped silently.
public actor MessageSender {
    let telegram: TelegramClient
    let logger: Logger
    private var flood: FloodControl
    /// When Telegram last accepted a message per private chat: slots are reserved at send
    /// time, and a slow request must not let the next one arrive closer than the interval.
    private var delivered: [Int64: ContinuousClock.Instant] = [:]
    /// Chats with a message on its way, and who waits to send next in each, in arrival order.
    /// The actor is reentrant across Telegram calls, so without this a second message could
    /// be sent while the first is still in flight, arrive first, or too close to it.
    private var busyChats: Set<Int64> = []
    private var waitingSenders: [Int64: [CheckedContinuation<Void, Never>]] = [:]
    let privateChatInterval: Duration
    /// How many times a transient failure is retried before giving up.
    let maxAttempts: Int
    let backoffCap: Duration

    public init(
        telegram: TelegramClient, limits: FloodControl.Limits, logger: Logger, maxAttempts: Int = 8, backoffCap: Duration = .seconds(8)
    ) {
        self.telegram = telegram
        self.logger = logger
        flood = FloodControl(limits: limits)
        privateChatInterval = limits.privateChatInterval
        self.maxAttempts = maxAttempts
        self.backoffCap = backoffCap
    }

    /// Sends `message`, waiting for its slot; returns what Telegram made of it.
    @discardableResult
    public func send(_ message: TelegramClient.OutgoingMessage) async throws(TelegramClient.Failure) -> TelegramMessage {
        return try await deliver(chatID: message.chatID, what: "sendMessage") { () async throws -> TelegramMessage in
            do {
                return try await self.telegram.sendMessage(message)
            } catch let failure as TelegramClient.Failure where failure.isEntityError && message.parseMode != nil {
                self.logger.warning("html refused, resending as plain text", metadata: ["chat_id": "\(message.chatID)"])
                var plain = message
                plain.text = HTMLText.plainText(message.text)
                plain.parseMode = nil
                return try await self.telegram.sendMessage(plain)
            }
        }
    }

    /// Edits a message's text; "message is not modified" counts as done.
    public func edit(_ edit: TelegramClient.MessageEdit) async throws(TelegramClient.Failure) {
        try await deliver(chatID: edit.chatID, what: "editMessageText") { () async throws in
            do {
                try await self.telegram.editMessageText(edit)
            } catch let failure as TelegramClient.Failure where failure.isNotModified {
                return
            } catch let failure as TelegramClient.Failure where failure.isEntityError && edit.parseMode != nil {
                var plain = edit
                plain.text = HTMLText.plainText(edit.text)
                plain.parseMode = nil
                do {
                    try await self.telegram.editMessageText(plain)
                } catch let failure as TelegramClient.Failure where failure.isNotModified {
                    return
                }
            }
        }
    }

    /// Runs `attempt` in `chatID`'s next free slot until it succeeds, retrying what is worth it.
    private func deliver<Value: Sendable>(chatID: Int64, what: String, _ attempt: @Sendable () async throws -> Value)
        async throws(TelegramClient.Failure) -> Value
    {
        await takeTurn(in: chatID)
        defer { endTurn(in: chatID) }
        var failures = 0
        var backoff = Duration.milliseconds(500)
        while true {
            let now = ContinuousClock.now
            let slot = flood.earliestSend(to: chatID, now: now)
            flood.recordSend(to: chatID, at: slot)
            if slot > now {
                try? await Task.sleep(until: slot, clock: .continuous)
            }
            do {
                if chatID > 0, let last = delivered[chatID], last + privateChatInterval > .now {
                    try? await Task.sleep(until: last + privateChatInterval, clock: .continuous)
                }
                let value = try await attempt()
                if chatID > 0 {
                    delivered[chatID] = .now
                    if delivered.count > 10_000 { delivered = delivered.filter { $0.value > .now - .seconds(60) } }
                }
                return value
            } catch {
                let failure = error as? TelegramClient.Failure ?? .transport("\(error)")
                if let retryAfter = failure.retryAfter {
                    logger.notice(
                        "telegram flood control, pausing chat", metadata: ["chat_id": "\(chatID)", "retry_after": "\(retryAfter)"])
                    flood.pause(chatID, for: .seconds(retryAfter), now: .now)
                    continue
                }
                failures += 1
                guard failure.isTransient, failures < maxAttempts else {
                    logger.error("message not delivered", metadata: ["chat_id": "\(chatID)", "method": "\(what)", "error": "\(failure)"])
                    throw failure
                }
                logger.warning(
                    "telegram call failed, retrying", metadata: ["chat_id": "\(chatID)", "method": "\(what)", "error": "\(failure)"])
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, backoffCap)
            }
        }
    }

    /// Waits until no other message to `chatID` is on its way; turns are taken in call order.
    private func takeTurn(in chatID: Int64) async {
        guard busyChats.insert(chatID).inserted else {
            await withCheckedContinuation { waitingSenders[chatID, default: []].append($0) }
            return
        }
    }

    /// Hands `chatID` to the next waiting sender, or frees it.
    private func endTurn(in chatID: Int64) {
        guard var waiting = waitingSenders[chatID], !waiting.isEmpty else {
            busyChats.remove(chatID)
            return
        }
        let next = waiting.removeFirst()
        waitingSenders[chatID] = waiting.isEmpty ? nil : waiting
        next.resume()
    }
}
