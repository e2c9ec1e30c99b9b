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
}
