import Foundation
import TestSupport
import Testing

/// `BOT_MODE=webhook`: the real `bot-edge` registers its address with a random secret and
/// refuses posts without it. No mesh: the gateway address is dead, so the bot's answer is the
/// "service unavailable" message, which also shows nothing technical leaks.
@Suite struct WebhookEndToEndTests {
    @Test("webhook mode: the wrong secret is refused, the right one answered")
    func webhookSecret() async throws {
        let port = try freeLocalPort()
        let url = "http://127.0.0.1:\(port)/telegram/hook"
        let harness = try await BotEdgeHarness(
            withMesh: false,
            botSettings: [
                "BOT_GATEWAY_TIMEOUT_MS": "1500", "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": url, "BOT_WEBHOOK_LISTEN": "127.0.0.1:\(port)",
            ])
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        #expect(await eventually { await state.webhookURL == url }, "\(harness.botLog)")
        let secret = try #require(await state.webhookSecret)
        #expect(secret.count >= 32)

        func update(_ id: Int, _ text: String) -> Data {
            let object: [String: Any] = [
                "update_id": id,
                "message": [
                    "message_id": id, "date": 0, "text": text, "chat": ["id": 77, "type": "private"],
                    "from": ["id": 77, "is_bot": false, "first_name": "W"],
                ],
            ]
            return try! JSONSerialization.data(withJSONObject: object)
        }
        _ = await eventually { (try? await LoopbackHTTP.send("POST", url, body: Data())) != nil }

        let wrong = try await LoopbackHTTP.send(
            "POST", url, headers: ["X-Telegram-Bot-Api-Secret-Token": String(secret.reversed()), "Content-Type": "application/json"],
            body: update(1, "/help"))
        #expect(wrong.status == 401)
        let missing = try await LoopbackHTTP.send("POST", url, headers: ["Content-Type": "application/json"], body: update(2, "/help"))
        #expect(missing.status == 401)

        let right = try await LoopbackHTTP.send(
            "POST", url, headers: ["X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"], body: update(3, "/help"))
        #expect(right.status == 200)
        // Telegram redelivers when unsure: the same update id is handled once.
        _ = try await LoopbackHTTP.send(
            "POST", url, headers: ["X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"], body: update(3, "/help"))

        let answers = await harness.messages(to: 77, count: 1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await state.messages(to: 77).count == 1, "\(harness.botLog)")
        #expect(answers.first?.visibleText.contains("временно недоступен") == true, "\(answers.map(\.visibleText))")
    }
}
