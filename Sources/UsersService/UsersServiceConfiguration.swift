import ServiceSupport

/// Everything `users-service` needs to start, read once from the settings.
public struct UsersServiceConfiguration: Sendable {
    public var layout: MeshLayout
    public var wire: WireSettings
    /// `ACCESS_MODE` (`open` by default): the status a new user starts with.
    public var accessMode: AccessMode
    /// `ADMIN_TELEGRAM_IDS`: users who are always `admin`/`active`.
    public var adminTelegramIDs: Set<Int64>

    public init(layout: MeshLayout, wire: WireSettings = WireSettings(), accessMode: AccessMode = .open, adminTelegramIDs: Set<Int64> = [])
    {
        self.layout = layout
        self.wire = wire
        self.accessMode = accessMode
        self.adminTelegramIDs = adminTelegramIDs
    }

    public init(settings: Settings) throws(ConfigurationError) {
        let admins = try settings.int64List("ADMIN_TELEGRAM_IDS")
        if let bad = admins.first(where: { $0 <= 0 }) {
            throw .invalid(
                variable: "ADMIN_TELEGRAM_IDS", value: settings["ADMIN_TELEGRAM_IDS"] ?? "\(bad)",
                expected: "comma-separated positive Telegram ids")
        }
        self.init(
            layout: MeshLayout(settings: settings),
            wire: try WireSettings(settings: settings),
            accessMode: try settings.choice("ACCESS_MODE", default: AccessMode.open),
            adminTelegramIDs: Set(admins)
        )
    }

    /// The users database, `users.sqlite` in the data directory.
    public var databasePath: String { layout.dataPath("users.sqlite") }
}
