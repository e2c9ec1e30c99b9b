import Foundation
import TestSupport
import Testing

/// Groups: the bot answers commands meant for it, replies to its messages and @mentions, as
/// replies, and nothing else. `/lang` switches the language, remembered by the gateway.
@Suite struct GroupAndLanguageEndToEndTests {
    static let carl = FakeTelegramState.Person(id: 4001, firstName: "Карл", languageCode: "ru")
    static let group: Int64 = -100_500

    @Test("in a group only commands, replies and mentions are answered; /lang switches to English and back")
    func groupsAndLanguage() async throws {
        let harness = try await BotEdgeHarness(accessMode: "open")
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        await state.sendText("/start", from: Self.carl)
        #expect(await harness.message(to: Self.carl.id) { $0.visibleText.contains("Здравствуйте, Карл") } != nil, "\(harness.botLog)")

        await state.sendText("просто болтаем", from: Self.carl, groupID: Self.group)
        await state.sendText("/help@other_bot", from: Self.carl, groupID: Self.group)
        await state.sendText("/help@kb_test_bot", from: Self.carl, groupID: Self.group)
        let help = try #require(await harness.message(to: Self.group) { $0.visibleText.contains("Что я умею") }, "\(harness.botLog)")
        #expect(help.replyTo != nil)
        await state.sendText("@kb_test_bot что такое WAL?", from: Self.carl, groupID: Self.group)
        #expect(await harness.messages(to: Self.group, count: 2).count == 2)
        await state.sendText("а подробнее?", from: Self.carl, groupID: Self.group, replyToBotMessage: help.messageID)
        #expect(await harness.messages(to: Self.group, count: 3).count == 3)
        try await Task.sleep(for: .milliseconds(700))
        let inGroup = await state.messages(to: Self.group).map(\.visibleText)
        #expect(inGroup.count == 3, "\(inGroup)")

        await state.sendText("/lang", from: Self.carl)
        #expect(await harness.message(to: Self.carl.id) { $0.visibleText == "I speak English now." } != nil, "\(harness.botLog)")
        let record = try await harness.admin("GET", "/api/v1/users/4001")
        #expect((record.json["user"] as? [String: Any])?["language_code"] as? String == "en")
        await state.sendText("/help", from: Self.carl)
        #expect(await harness.message(to: Self.carl.id) { $0.visibleText.hasPrefix("What I can do") } != nil)
        await state.sendText("/lang", from: Self.carl)
        #expect(await harness.message(to: Self.carl.id) { $0.visibleText == "Теперь я говорю по-русски." } != nil)
    }
}
