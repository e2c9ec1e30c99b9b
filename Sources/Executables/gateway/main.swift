import Gateway
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "gateway") { settings, logger in
    [buildGateway(configuration: try GatewayConfiguration(settings: settings), logger: logger)]
}
