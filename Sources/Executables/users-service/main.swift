import UsersService
import ServiceSupport

await ServiceHost.main(service: "users-service") { settings, logger in
    try await buildUsersService(configuration: UsersServiceConfiguration(settings: settings), logger: logger)
}
