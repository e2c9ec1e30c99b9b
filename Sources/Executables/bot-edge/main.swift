import BotEdge
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "bot-edge") { settings, logger in
    try await buildBotEdge(configuration: try BotEdgeConfiguration(settings: settings), logger: logger)
}
