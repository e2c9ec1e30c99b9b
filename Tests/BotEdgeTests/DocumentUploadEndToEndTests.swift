import Foundation
import TestSupport
import Testing

/// An editor sends a file: the real `bot-edge` downloads it from the fake Telegram server,
/// posts it to the gateway's ingestion route (the real ingest-service indexes it), shows one
/// progress message edited no more often than `BOT_PROGRESS_INTERVAL_MS`, then the summary.
@Suite struct DocumentUploadEndToEndTests {
    static let admin = FakeTelegramState.Person(id: BotEdgeHarness.adminID, firstName: "Ada", languageCode: "ru")

    /// A Markdown file big enough to take the ingestion service a moment.
    static func notes() -> [UInt8] {
        var text = "# Журнал смен\n\n"
        for index in 1...15000 {
            text +=
                "## Смена \(index)\n\nДежурный инженер номер \(index) проверил насосную станцию и записал давление \(index % 17) бар.\n\n"
        }
        text += "## Итог\n\nПароль от склада хранится у завхоза в синем сейфе.\n"
        return Array(text.utf8)
    }

    @Test("upload with progress then summary; a file over 20 MB gets the explanation instead")
    func upload() async throws {
        let harness = try await BotEdgeHarness(accessMode: "open")
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        guard await harness.hasIngestionRoutes() else {
            Issue.record("the gateway has no ingestion routes")
            return
        }
        let base = try await harness.createKnowledgeBase(slug: "shifts", name: "Смены")
        await state.sendText("/start", from: Self.admin)
        await state.sendText("/kb", from: Self.admin)
        let keyboard = try #require(await harness.message(to: Self.admin.id) { $0.buttons.contains("kb:\(base)") }, "\(harness.botLog)")
        await state.press("kb:\(base)", on: keyboard.messageID, by: Self.admin)
        #expect(await harness.message(to: Self.admin.id) { $0.messageID == keyboard.messageID && $0.visibleText.contains("Смены") } != nil)

        await state.addFile("notes-1", bytes: Self.notes())
        await state.sendDocument(fileID: "notes-1", name: "смены.md", from: Self.admin)
        let summary = try #require(
            await harness.message(to: Self.admin.id, timeout: .seconds(60)) { $0.visibleText.hasPrefix("✅ «смены.md»") },
            "\(harness.botLog)")
        #expect(summary.previousTexts.first?.contains("принят") == true, "\(summary.previousTexts)")
        #expect(summary.visibleText.contains("ошибок: 0"), "\(summary.visibleText)")
        #expect(summary.previousTexts.contains { $0.hasPrefix("⏳ «смены.md»") }, "no progress shown: \(summary.previousTexts)")
        for (earlier, later) in zip(summary.editTimes, summary.editTimes.dropFirst()) {
            #expect(later - earlier >= .milliseconds(550))
        }
        // The document is searchable now.
        await state.sendText("Где хранится пароль от склада?", from: Self.admin)
        let answer = try #require(await harness.message(to: Self.admin.id) { $0.visibleText.contains("синем сейфе") }, "\(harness.botLog)")
        #expect(answer.visibleText.contains("[1]"))

        // Over Telegram's 20 MB download cap: an explanation, no download.
        await state.addFile("huge", bytes: [], declaredSize: 25 * 1024 * 1024)
        await state.sendDocument(fileID: "huge", name: "huge.pdf", from: Self.admin)
        #expect(await harness.message(to: Self.admin.id) { $0.visibleText.contains("больше 20 МБ") } != nil)
        let refused = await state.refused.map(\.error)
        #expect(refused.isEmpty, "\(refused)")
    }
}
