import ServiceSupport
import Testing

@testable import UsersService

@Suite struct ConfigurationTests {
    @Test("defaults: open access, no configured admins, users.sqlite in the data directory")
    func defaults() throws {
        let configuration = try UsersServiceConfiguration(settings: Settings(["MESH_DATA_DIR": "/srv/data"]))
        #expect(configuration.accessMode == .open)
        #expect(configuration.adminTelegramIDs.isEmpty)
        #expect(configuration.databasePath == "/srv/data/users.sqlite")
    }

    @Test("ACCESS_MODE and ADMIN_TELEGRAM_IDS are read")
    func readsSettings() throws {
        let configuration = try UsersServiceConfiguration(
            settings: Settings(["ACCESS_MODE": "AllowList", "ADMIN_TELEGRAM_IDS": " 1, 22 ,333,"]))
        #expect(configuration.accessMode == .allowlist)
        #expect(configuration.adminTelegramIDs == [1, 22, 333])
    }

    @Test(
        "invalid values fail naming the variable",
        arguments: [
            ("ACCESS_MODE", "closed"), ("ADMIN_TELEGRAM_IDS", "1,two"), ("ADMIN_TELEGRAM_IDS", "5,-3"), ("ADMIN_TELEGRAM_IDS", "0"),
        ])
    func invalid(variable: String, value: String) throws {
        #expect {
            _ = try UsersServiceConfiguration(settings: Settings([variable: value]))
        } throws: { error in
            guard case ConfigurationError.invalid(let reported, _, _) = error else { return false }
            return reported == variable && "\(error)".contains(variable)
        }
    }
}
