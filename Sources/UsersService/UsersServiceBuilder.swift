import Logging
import ServiceLifecycle
import ServiceSupport
import Wire

/// Builds the services of the `users-service` process; its `main` and the tests both call this.
///
/// Opens (and migrates) `users.sqlite`, makes the configured admins active admins, and
/// serves the `users.*` methods on `users.sock`.
public func buildUsersService(configuration: UsersServiceConfiguration, logger: Logger) async throws -> [any Service] {
    try configuration.layout.createDirectories()
    let database = try UsersDatabase.open(path: configuration.databasePath)
    let directory = UserDirectory(
        database: database,
        accessMode: configuration.accessMode,
        adminTelegramIDs: configuration.adminTelegramIDs
    )
    try await directory.assertConfiguredAdmins()
    logger.info(
        "users database ready",
        metadata: [
            "path": "\(configuration.databasePath)",
            "access_mode": "\(configuration.accessMode.rawValue)",
            "configured_admins": "\(configuration.adminTelegramIDs.count)",
        ]
    )
    let server = WireServer(
        configuration: .init(
            socketPath: configuration.layout.usersSocket,
            serviceName: "users-service",
            maxFrameLength: configuration.wire.maxFrameLength
        ),
        handlers: directory.wireHandlers(),
        logger: logger
    )
    return [server]
}
