import Gateway
import ServiceSupport

await ServiceHost.main(service: "gateway") { settings, logger in
    [buildGateway(configuration: try GatewayConfiguration(settings: settings), logger: logger)]
}
