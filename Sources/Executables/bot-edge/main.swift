import BotEdge
import Logging
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "bot-edge") { settings, logger in
    let configuration = try BotEdgeConfiguration(settings: settings)
    logger.error("the Telegram conversation is not built yet; bot-edge cannot serve", metadata: ["gateway": "\(configuration.gatewayURL)"])
    throw BotEdgeUnavailable()
}

struct BotEdgeUnavailable: Error {}
