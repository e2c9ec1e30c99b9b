import Logging
import TestSupport
import Testing

@testable import BotEdge

/// `MessageSender` against the fake Telegram server, in process.
@Suite struct MessageSenderTests {
    static func sender(_ telegram: FakeTelegramServer, interval: Duration = .milliseconds(50)) -> MessageSender {
        MessageSender(
            telegram: TelegramClient(baseURL: telegram.baseURL, token: telegram.token), limits: .init(privateChatInterval: interval),
            logger: Logger(label: "sender-test"))
    }

    @Test("HTML Telegram refuses is resent as plain text")
    func entityFallback() async throws {
        let telegram = try await FakeTelegramServer()
        let sender = Self.sender(telegram)
        let sent = try await sender.send(.init(chatID: 5, text: "<blink>a &bogus; b</blink>"))
        #expect(sent.text == "a &bogus; b")
        let messages = await telegram.state.messages(to: 5)
        #expect(messages.count == 1 && messages.first?.html == false)
        #expect(await telegram.state.refused.count == 1)
        await telegram.stop()
    }

    @Test("a 429 pauses the chat for retry_after, then the message goes")
    func floodWait() async throws {
        let telegram = try await FakeTelegramServer()
        let sender = Self.sender(telegram)
        await telegram.state.floodNextSends(1, retryAfter: 1)
        let started = ContinuousClock.now
        try await sender.send(.init(chatID: 6, text: "hello"))
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(await telegram.state.messages(to: 6).count == 1)
        #expect(await telegram.state.floodViolations == 0)
        await telegram.stop()
    }

    @Test("messages to one chat keep their order and spacing; an unchanged edit is not an error")
    func orderAndEdits() async throws {
        let telegram = try await FakeTelegramServer()
        let sender = Self.sender(telegram, interval: .milliseconds(200))
        // One message elsewhere first, so the two below do not share a connection set-up.
        try await sender.send(.init(chatID: 70, text: "warm-up"))
        async let first = sender.send(.init(chatID: 7, text: "1"))
        try await Task.sleep(for: .milliseconds(20))
        async let second = sender.send(.init(chatID: 7, text: "2"))
        let (one, _) = try await (first, second)
        let messages = await telegram.state.messages(to: 7)
        #expect(messages.map(\.text) == ["1", "2"])
        #expect(
            messages[1].sentAt - messages[0].sentAt >= .milliseconds(195),
            "the next message waits the interval after Telegram accepted the previous one")
        try await sender.edit(.init(chatID: 7, messageID: one.messageID, text: "1"))
        await telegram.stop()
    }

    @Test("a second message to a chat waits until Telegram has taken the first, however slow that is")
    func oneAtATimePerChat() async throws {
        let telegram = try await FakeTelegramServer()
        let sender = Self.sender(telegram, interval: .milliseconds(50))
        try await sender.send(.init(chatID: 70, text: "warm-up"))
        await telegram.state.answerNextSendsSlowly(1, after: .milliseconds(800))
        async let first = sender.send(.init(chatID: 8, text: "first"))
        try await Task.sleep(for: .milliseconds(100))
        async let second = sender.send(.init(chatID: 8, text: "second"))
        _ = try await (first, second)
        #expect(await telegram.state.messages(to: 8).map(\.text) == ["first", "second"])
        await telegram.stop()
    }

    @Test("a message that cannot be delivered is an error, not silence")
    func undeliverable() async throws {
        let telegram = try await FakeTelegramServer()
        let sender = Self.sender(telegram)
        await #expect(throws: TelegramClient.Failure.self) {
            try await sender.edit(.init(chatID: 8, messageID: 999, text: "x"))
        }
        await telegram.stop()
    }
}
