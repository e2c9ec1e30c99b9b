import Foundation
import Testing
import Wire

@testable import UsersService

@Suite struct RegistrationTests {
    @Test("a new user starts as an active member under ACCESS_MODE=open")
    func openMode() async throws {
        let fixture = try DirectoryFixture(accessMode: .open)
        let profile = UserProfile(telegramID: 42, username: "@alice", firstName: "Alice", lastName: "Smith", languageCode: "en")
        let (user, created) = try await fixture.directory.register(profile, actor: "telegram:42")
        #expect(created)
        #expect(user.username == "alice")
        #expect(user.role == .member)
        #expect(user.status == .active)
        #expect(user.createdAt == fixture.clock.now)
        #expect(user.lastSeenAt == fixture.clock.now)
        #expect(try await fixture.directory.user(42) == user)
    }

    @Test("a new user waits as pending under ACCESS_MODE=allowlist")
    func allowlistMode() async throws {
        let fixture = try DirectoryFixture(accessMode: .allowlist)
        let user = try await fixture.register(7)
        #expect(user.role == .member)
        #expect(user.status == .pending)
    }

    @Test("registering again refreshes the profile, keeps role, status and a chosen language")
    func idempotentUpsert() async throws {
        let fixture = try DirectoryFixture(accessMode: .allowlist)
        try await fixture.register(5, username: "old", first: "Old", language: "en")
        _ = try await fixture.directory.update(5, UserChanges(languageCode: "ru"), actor: nil)
        fixture.clock.advance(by: 120)
        let profile = UserProfile(telegramID: 5, username: "new", firstName: "New", lastName: nil, languageCode: "de")
        let (user, created) = try await fixture.directory.register(profile, actor: "telegram:5")
        #expect(!created)
        #expect(user.username == "new")
        #expect(user.firstName == "New")
        #expect(user.languageCode == "ru")
        #expect(user.status == .pending)
        #expect(user.lastSeenAt == fixture.clock.now)
        #expect(user.createdAt == fixture.clock.now.addingTimeInterval(-120))
        // Creation wrote role and status once; re-registering wrote nothing more.
        #expect(try await fixture.auditEntries(of: 5).count == 2)
    }

    @Test("creation is audited as role and status set from nothing")
    func creationAudit() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(9)
        let entries = try await fixture.auditEntries(of: 9)
        #expect(Set(entries.map(\.field)) == [.role, .status])
        #expect(entries.allSatisfy { $0.oldValue == nil && $0.actor == "telegram:9" })
        #expect(Set(entries.compactMap(\.newValue)) == ["member", "active"])
    }

    @Test("ADMIN_TELEGRAM_IDS make admins at start, and registering re-asserts them")
    func configuredAdmins() async throws {
        let plain = try DirectoryFixture(accessMode: .allowlist)
        try await plain.register(1)
        _ = try await plain.directory.update(1, UserChanges(status: .blocked), actor: "admin-token")

        let configured = try plain.reopened(accessMode: .allowlist, admins: [1, 2])
        try await configured.directory.assertConfiguredAdmins()
        let first = try await configured.directory.user(1)
        #expect(first.role == .admin && first.status == .active)
        let second = try await configured.directory.user(2)
        #expect(second.role == .admin && second.status == .active && second.lastSeenAt == nil)
        let changes = try await configured.auditEntries(of: 1).prefix(2)
        #expect(changes.allSatisfy { $0.actor == UserDirectory.configurationActor })
        #expect(Set(changes.map(\.field)) == [.role, .status])

        // A configured admin who was never asserted at start (e.g. started elsewhere) is fixed on register.
        let later = try plain.reopened(accessMode: .allowlist, admins: [3])
        try await plain.register(3)
        #expect(try await plain.directory.user(3).role == .member)
        let registered = try await later.register(3, username: "boss")
        #expect(registered.role == .admin && registered.status == .active && registered.username == "boss")
    }

    @Test(
        "bad profile values are refused naming the field",
        arguments: [
            (UserProfile(telegramID: 0), "telegram_id"),
            (UserProfile(telegramID: -5), "telegram_id"),
            (UserProfile(telegramID: 1, username: "has space"), "username"),
            (UserProfile(telegramID: 1, username: String(repeating: "a", count: 65)), "username"),
            (UserProfile(telegramID: 1, firstName: "line\u{7}bell"), "first_name"),
            (UserProfile(telegramID: 1, lastName: String(repeating: "x", count: 257)), "last_name"),
            (UserProfile(telegramID: 1, languageCode: "english!"), "language_code"),
            (UserProfile(telegramID: 1, languageCode: "e"), "language_code"),
        ])
    func invalidProfile(profile: UserProfile, field: String) async throws {
        let fixture = try DirectoryFixture()
        let error = await directoryError { _ = try await fixture.directory.register(profile, actor: "t") }
        guard case .invalid(let reported, _)? = error else {
            Issue.record("expected invalid(\(field)), got \(String(describing: error))")
            return
        }
        #expect(reported == field)
        #expect(error?.wireError.details?["field"] == .string("params.\(field)"))
        #expect(try await fixture.directory.stats().total == 0)
    }

    @Test("blank optional fields are stored as absent; valid language tags pass", arguments: ["en", "pt-BR", "zh-Hant-TW"])
    func blanksAndTags(tag: String) async throws {
        let fixture = try DirectoryFixture()
        let user = try await fixture.register(3, username: "  ", first: "", language: tag)
        #expect(user.username == nil && user.firstName == nil)
        #expect(user.languageCode == tag)
    }

    @Test("an unknown id is not_found")
    func unknown() async throws {
        let fixture = try DirectoryFixture()
        #expect(await directoryError { _ = try await fixture.directory.user(404) } == .notFound(telegramID: 404))
        #expect(UserDirectory.Error.notFound(telegramID: 404).wireError.code == .notFound)
    }
}
