import Foundation
import TestSupport
import Testing

/// The gateway's rate limit reaches the person as a sentence with the wait, in their language.
@Suite struct RateLimitEndToEndTests {
    static let eve = FakeTelegramState.Person(id: 6001, firstName: "Eve", languageCode: "ru")

    @Test("a rate-limited user is told how long to wait")
    func rateLimited() async throws {
        let harness = try await BotEdgeHarness(
            accessMode: "open", gatewaySettings: ["RATE_LIMIT_PER_MINUTE": "2", "RATE_LIMIT_BURST": "2"])
        try await harness.startBot()
        defer { Task { await harness.stopBot() } }
        let state = harness.state
        await state.sendText("/start", from: Self.eve)
        for question in ["первый вопрос", "второй вопрос", "третий вопрос"] {
            await state.sendText(question, from: Self.eve)
        }
        let refusal = try #require(
            await harness.message(to: Self.eve.id) { $0.visibleText.hasPrefix("Слишком много запросов") }, "\(harness.botLog)")
        #expect(refusal.visibleText.range(of: #"через \d+ с\."#, options: .regularExpression) != nil, "\(refusal.visibleText)")
        #expect(!refusal.visibleText.contains("rate_limited"))
    }
}
