import UsersService
import ServiceSupport

ServiceHost.runConcurrencyOnEventLoops()
await ServiceHost.main(service: "users-service") { settings, logger in
    try await buildUsersService(configuration: UsersServiceConfiguration(settings: settings), logger: logger)
}
