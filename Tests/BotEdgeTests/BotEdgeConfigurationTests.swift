import BotEdge
import ServiceSupport
import Testing

@Suite struct BotEdgeConfigurationTests {
    @Test("a missing bot token names the variable")
    func missingToken() {
        #expect(throws: ConfigurationError.missing(variable: "TELEGRAM_BOT_TOKEN", meaning: "the bot's token from @BotFather")) {
            try BotEdgeConfiguration(settings: Settings(["BOT_API_SECRET": "s"]))
        }
    }

    @Test func defaults() throws {
        let configuration = try BotEdgeConfiguration(settings: Settings(["TELEGRAM_BOT_TOKEN": "1:x", "BOT_API_SECRET": "s"]))
        #expect(configuration.telegramBaseURL == "https://api.telegram.org")
        #expect(configuration.gatewayURL == "http://127.0.0.1:8080")
    }

    @Test("webhook mode needs its URL; the listen address is host:port")
    func webhook() throws {
        let base = ["TELEGRAM_BOT_TOKEN": "1:x", "BOT_API_SECRET": "s", "BOT_MODE": "webhook"]
        #expect(throws: ConfigurationError.self) { try BotEdgeConfiguration(settings: Settings(base)) }
        let configuration = try BotEdgeConfiguration(
            settings: Settings(base.merging(["BOT_WEBHOOK_URL": "https://bot.example/hook", "BOT_WEBHOOK_LISTEN": "0.0.0.0:9000"]) { $1 }))
        #expect(configuration.mode == .webhook)
        #expect(configuration.webhookHost == "0.0.0.0" && configuration.webhookPort == 9000)
        #expect(throws: ConfigurationError.self) {
            try BotEdgeConfiguration(
                settings: Settings(base.merging(["BOT_WEBHOOK_URL": "https://x", "BOT_WEBHOOK_LISTEN": "nonsense"]) { $1 }))
        }
    }
}
