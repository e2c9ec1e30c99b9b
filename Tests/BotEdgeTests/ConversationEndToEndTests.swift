import Foundation
import TestSupport
import Testing

/// The real `bot-edge` against the fake Telegram server and the real mesh behind the gateway.
@Suite(.serialized) struct ConversationEndToEndTests {
    typealias Person = FakeTelegramState.Person
    static let admin = Person(id: BotEdgeHarness.adminID, firstName: "Ада", languageCode: "ru")
    static let anna = Person(id: 2001, firstName: "Анна <Ш&К>", languageCode: "ru")
    static let bob = Person(id: 2002, firstName: "Bob", username: "bob", languageCode: "en-US")

    static let russianGuide = """
        # Резервное копирование

        Резервную копию базы данных делают онлайн-копированием SQLite, пока служба работает. Копию хранят на другом диске.
        """
    static let englishGuide = """
        # Restarting services

        A crashed service is restarted by the mesh supervisor within seconds, with a growing pause after repeated failures.
        """

    @Test(
        "allowlist: /start → pending, admin approves by button, KB chosen, cited answers in Russian and English, long list split, 429 honoured"
    )
    func conversation() async throws {
        let harness = try await BotEdgeHarness(accessMode: "allowlist")
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        #expect(await state.commands.keys.sorted() == ["", "en", "ru"], "\(harness.botLog)")

        // A new user under the allowlist is pending; the admin gets Approve/Block buttons.
        await state.sendText("/start", from: Self.anna)
        let pending = await harness.message(to: Self.anna.id) { $0.visibleText.contains("Заявка") }
        #expect(pending?.visibleText.contains("Анна <Ш&К>") == true, "\(harness.botLog)")
        let notice = try #require(await harness.message(to: Self.admin.id) { $0.buttons.contains("ap:2001") }, "\(harness.botLog)")
        #expect(notice.buttons == ["ap:2001", "bl:2001"])

        // Pending users are told to wait, in their language.
        await state.sendText("как дела?", from: Self.anna)
        #expect(await harness.message(to: Self.anna.id) { $0.visibleText.contains("ждёт одобрения") } != nil)

        // The admin presses Approve: the notice becomes a confirmation, Anna hears she is in.
        await state.press("ap:2001", on: notice.messageID, by: Self.admin)
        #expect(await harness.message(to: Self.anna.id) { $0.visibleText.contains("Доступ открыт") } != nil, "\(harness.botLog)")
        #expect(await harness.message(to: Self.admin.id) { $0.messageID == notice.messageID && $0.buttons.isEmpty } != nil)

        // Knowledge to ask about.
        let guide = try await harness.createKnowledgeBase(slug: "guide", name: "Guide & <Docs>")
        try await harness.addDocument(to: guide, title: "Резервные копии", uri: "https://docs.example/backup", text: Self.russianGuide)
        try await harness.addDocument(to: guide, title: "Restarts", uri: "docs/restarts.md", text: Self.englishGuide)

        // /kb: a keyboard of knowledge bases; the choice is remembered in the user record.
        await state.sendText("/kb", from: Self.anna)
        let keyboard = try #require(await harness.message(to: Self.anna.id) { $0.buttons.contains("kb:\(guide)") })
        #expect(keyboard.buttonLabels.contains("Guide & <Docs>"))
        await state.press("kb:\(guide)", on: keyboard.messageID, by: Self.anna)
        #expect(
            await harness.message(to: Self.anna.id) { $0.visibleText.contains("Guide & <Docs>") && $0.messageID == keyboard.messageID }
                != nil)
        let record = try await harness.admin("GET", "/api/v1/users/2001")
        #expect((record.json["user"] as? [String: Any])?["preferred_knowledge_base_id"] as? Int == guide)

        // A question in Russian: typing, then a cited answer with a link and feedback buttons.
        await state.sendText("Как сделать резервную копию базы данных?", from: Self.anna)
        let answer = try #require(await harness.message(to: Self.anna.id) { $0.visibleText.contains("Источники") }, "\(harness.botLog)")
        #expect(answer.visibleText.contains("[1]"))
        #expect(answer.text.contains("<a href=\"https://docs.example/backup\">Резервные копии</a>"))
        #expect(answer.buttons.count == 2 && answer.buttons[0].hasPrefix("fb:"))
        #expect(await state.chatActions.contains(Self.anna.id))
        await state.press(answer.buttons[0], on: answer.messageID, by: Self.anna)
        #expect(await eventually { await state.callbackAnswers.count >= 3 })

        // Bob speaks English; the admin approves him with /approve.
        await state.sendText("/start", from: Self.bob)
        #expect(await harness.message(to: Self.bob.id) { $0.visibleText.contains("request for access") } != nil)
        await state.sendText("/approve 2002", from: Self.admin)
        #expect(await harness.message(to: Self.bob.id) { $0.visibleText.contains("You are in") } != nil, "\(harness.botLog)")
        await state.sendText("/ask How fast is a crashed service restarted?", from: Self.bob)
        let english = try #require(await harness.message(to: Self.bob.id) { $0.visibleText.contains("Sources") }, "\(harness.botLog)")
        #expect(english.visibleText.contains("Restarts"))
        #expect(english.visibleText.contains("[1]"))

        // A list over 10,000 characters arrives as several valid parts.
        let many = try await harness.createKnowledgeBase(slug: "many", name: "Many")
        for index in 1...48 {
            let title =
                "Документ \(index) & <заметки> о резервном копировании, восстановлении, проверке журналов WAL и настройке репликации, а также о мониторинге и плановом обслуживании"
            try await harness.addDocument(
                to: many, title: title, uri: "https://docs.example/notes/\(index)?part=\(index)&lang=ru", text: "Заметка \(index).")
        }
        await state.sendText("/kb", from: Self.bob)
        let bobKeyboard = try #require(await harness.message(to: Self.bob.id) { $0.buttons.contains("kb:\(many)") })
        await state.press("kb:\(many)", on: bobKeyboard.messageID, by: Self.bob)
        #expect(await harness.message(to: Self.bob.id) { $0.messageID == bobKeyboard.messageID && $0.visibleText.contains("Many") } != nil)
        let before = await state.messages(to: Self.bob.id).count
        await state.sendText("/sources", from: Self.bob)
        _ = await eventually { await state.messages(to: Self.bob.id).contains { $0.visibleText.contains("Документ 48 &") } }
        let parts = await state.messages(to: Self.bob.id).dropFirst(before)
        let total = parts.map(\.text.utf16.count).reduce(0, +)
        #expect(parts.count >= 3, "\(harness.botLog)")
        #expect(total >= 10_000)
        #expect(parts.allSatisfy { $0.html && $0.text.utf16.count <= 4096 })
        let refused = await state.refused.map(\.error)
        #expect(refused.isEmpty, "\(refused)")

        // A forced 429: the bot waits retry_after before trying that chat again, and the message arrives.
        await state.floodNextSends(1, retryAfter: 2)
        await state.sendText("/help", from: Self.anna)
        let help = try #require(await harness.message(to: Self.anna.id) { $0.visibleText.contains("Что я умею") }, "\(harness.botLog)")
        let refusal = try #require(await state.floodRefusals.first)
        #expect(help.sentAt - refusal.at >= .seconds(2))
        #expect(await state.floodViolations == 0)
    }

    @Test("a restart of bot-edge in the middle of a burst answers every update exactly once")
    func restartMidBurst() async throws {
        let harness = try await BotEdgeHarness(accessMode: "open")
        try await harness.startBot()
        let state = harness.state
        let people = (1...24).map { Person(id: Int64(3000 + $0), firstName: "User\($0)", languageCode: $0 % 2 == 0 ? "en" : "ru") }
        for person in people.prefix(12) { await state.sendText("/start", from: person) }
        // Stop gracefully once some are answered; the rest of the burst comes while it is down.
        _ = await eventually { await state.sent.count >= 4 }
        #expect(await harness.stopBot() == 0, "\(harness.botLog)")
        for person in people.dropFirst(12) { await state.sendText("/start", from: person) }
        let answeredBeforeRestart = await state.sent.count
        try await harness.startBot()
        _ = await eventually(timeout: .seconds(40)) { await state.sent.count >= people.count }
        try await Task.sleep(for: .seconds(2))
        for person in people {
            let replies = await state.messages(to: person.id)
            #expect(replies.count == 1, "user \(person.id) got \(replies.map(\.visibleText))")
            #expect(replies.first.map { $0.visibleText.contains("Hello") || $0.visibleText.contains("Здравствуйте") } == true)
        }
        #expect(answeredBeforeRestart < people.count, "the burst was over before the restart; the test proved nothing")
        await harness.stopBot()
    }
}
