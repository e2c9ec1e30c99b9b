import Foundation
import Testing
import Wire

@testable import UsersService

@Suite struct ChangeTests {
    @Test("a role change is saved and audited with actor, old and new value, in one step")
    func roleChangeAudited() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(10)
        fixture.clock.advance(by: 5)
        let (user, changed) = try await fixture.directory.update(10, UserChanges(role: .editor), actor: "telegram:1")
        #expect(user.role == .editor)
        #expect(changed == ["role"])
        let latest = try #require(try await fixture.auditEntries(of: 10).first)
        #expect(latest.actor == "telegram:1")
        #expect(latest.field == .role && latest.oldValue == "member" && latest.newValue == "editor")
        #expect(latest.at == fixture.clock.now)
        #expect(try await fixture.directory.user(10).role == .editor)
    }

    @Test("setting the values a user already has changes nothing and audits nothing")
    func sameValueIsIdempotent() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(11, language: "en")
        let before = try await fixture.auditEntries().count
        let (user, changed) = try await fixture.directory.update(
            11, UserChanges(role: .member, status: .active, languageCode: "en"), actor: nil
        )
        #expect(changed.isEmpty)
        #expect(user == (try await fixture.directory.user(11)))
        #expect(try await fixture.auditEntries().count == before)
    }

    @Test("the preferred knowledge base is set, kept when absent, and cleared by an explicit nil")
    func preferredKnowledgeBase() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(12)
        #expect(
            try await fixture.directory.update(12, UserChanges(preferredKnowledgeBaseID: .some(3)), actor: nil).user
                .preferredKnowledgeBaseID == 3)
        #expect(try await fixture.directory.update(12, UserChanges(languageCode: "ru"), actor: nil).user.preferredKnowledgeBaseID == 3)
        let cleared = try await fixture.directory.update(12, UserChanges(preferredKnowledgeBaseID: .some(nil)), actor: nil)
        #expect(cleared.user.preferredKnowledgeBaseID == nil)
        #expect(cleared.changed == ["preferred_knowledge_base_id"])
        // Neither is a role or status change, so neither is audited nor needs an actor.
        #expect(try await fixture.auditEntries(of: 12).count == 2)
    }

    @Test("a role or status change without an actor is refused and leaves the user as is")
    func actorRequired() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(13)
        let error = await directoryError { _ = try await fixture.directory.update(13, UserChanges(status: .blocked), actor: nil) }
        guard case .invalid(field: "actor", _)? = error else {
            Issue.record("expected invalid actor, got \(String(describing: error))")
            return
        }
        #expect(try await fixture.directory.user(13).status == .active)
        let blankActor = await directoryError { _ = try await fixture.directory.delete(13, actor: " ") }
        #expect(blankActor == .invalid(field: "actor", reason: "must be 1 to 64 printable characters"))
        #expect(try await fixture.directory.user(13).telegramID == 13)
    }

    @Test(
        "bad values are refused naming the field",
        arguments: [
            (UserChanges(languageCode: "not a tag"), "language_code"),
            (UserChanges(preferredKnowledgeBaseID: .some(0)), "preferred_knowledge_base_id"),
        ])
    func invalidChanges(changes: UserChanges, field: String) async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(14)
        let error = await directoryError { _ = try await fixture.directory.update(14, changes, actor: "a") }
        #expect(error?.wireError.code == .badRequest)
        #expect(error?.wireError.details?["field"] == .string("params.\(field)"))
    }

    @Test("updating or deleting an unknown id is not_found")
    func unknownTarget() async throws {
        let fixture = try DirectoryFixture()
        #expect(
            await directoryError { _ = try await fixture.directory.update(99, UserChanges(role: .admin), actor: "a") }
                == .notFound(telegramID: 99))
        #expect(await directoryError { _ = try await fixture.directory.delete(99, actor: "a") } == .notFound(telegramID: 99))
    }

    @Test("the last active admin cannot be demoted, blocked, suspended or deleted")
    func lastActiveAdmin() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(20)
        _ = try await fixture.directory.update(20, UserChanges(role: .admin), actor: "admin-token")
        let auditCount = try await fixture.auditEntries().count
        for changes in [
            UserChanges(role: .editor), UserChanges(status: .blocked), UserChanges(status: .pending),
            UserChanges(role: .member, status: .blocked),
        ] {
            #expect(
                await directoryError { _ = try await fixture.directory.update(20, changes, actor: "a") } == .lastActiveAdmin(telegramID: 20)
            )
        }
        #expect(await directoryError { _ = try await fixture.directory.delete(20, actor: "a") } == .lastActiveAdmin(telegramID: 20))
        #expect(UserDirectory.Error.lastActiveAdmin(telegramID: 20).wireError.code == .conflict)
        // Refused changes roll back whole: no audit entry, the admin unchanged.
        #expect(try await fixture.auditEntries().count == auditCount)
        let admin = try await fixture.directory.user(20)
        #expect(admin.role == .admin && admin.status == .active)

        // With a second active admin, the first may step down.
        try await fixture.register(21)
        _ = try await fixture.directory.update(21, UserChanges(role: .admin), actor: "telegram:20")
        #expect(try await fixture.directory.update(20, UserChanges(role: .editor), actor: "telegram:21").user.role == .editor)
        #expect(await directoryError { _ = try await fixture.directory.delete(21, actor: "a") } == .lastActiveAdmin(telegramID: 21))
    }

    @Test("a blocked admin does not count as an active admin")
    func blockedAdminDoesNotCount() async throws {
        let fixture = try DirectoryFixture()
        for id: Int64 in [30, 31] {
            try await fixture.register(id)
            _ = try await fixture.directory.update(id, UserChanges(role: .admin), actor: "admin-token")
        }
        _ = try await fixture.directory.update(31, UserChanges(status: .blocked), actor: "telegram:30")
        #expect(
            await directoryError { _ = try await fixture.directory.update(30, UserChanges(role: .member), actor: "a") }
                == .lastActiveAdmin(telegramID: 30))
        // Deleting the blocked admin is fine: it was not active.
        #expect(try await fixture.directory.delete(31, actor: "telegram:30").telegramID == 31)
    }

    @Test("a configured admin cannot be demoted, blocked or deleted, even with other admins")
    func configuredAdminIsFixed() async throws {
        let fixture = try DirectoryFixture(admins: [40, 41])
        try await fixture.directory.assertConfiguredAdmins()
        #expect(
            await directoryError { _ = try await fixture.directory.update(40, UserChanges(role: .member), actor: "a") }
                == .configuredAdmin(telegramID: 40))
        #expect(
            await directoryError { _ = try await fixture.directory.update(40, UserChanges(status: .blocked), actor: "a") }
                == .configuredAdmin(telegramID: 40))
        #expect(await directoryError { _ = try await fixture.directory.delete(41, actor: "a") } == .configuredAdmin(telegramID: 41))
        // Other fields are theirs to change.
        #expect(
            try await fixture.directory.update(40, UserChanges(preferredKnowledgeBaseID: .some(2)), actor: nil).changed == [
                "preferred_knowledge_base_id"
            ])
    }

    @Test("deleting removes the user and audits role and status going to nothing")
    func deleteAudited() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(50)
        _ = try await fixture.directory.update(50, UserChanges(role: .editor), actor: "admin-token")
        let removed = try await fixture.directory.delete(50, actor: "admin-token")
        #expect(removed.role == .editor)
        #expect(await directoryError { _ = try await fixture.directory.user(50) } == .notFound(telegramID: 50))
        let entries = try await fixture.auditEntries(of: 50)
        #expect(entries.count == 5)
        let removal = entries.prefix(2)
        #expect(removal.allSatisfy { $0.newValue == nil && $0.actor == "admin-token" })
        #expect(Set(removal.compactMap(\.oldValue)) == ["editor", "active"])
        // Registering again starts afresh.
        #expect(try await fixture.directory.register(UserProfile(telegramID: 50), actor: "telegram:50").created)
    }
}
