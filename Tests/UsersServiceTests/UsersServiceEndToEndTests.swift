import Foundation
import TestSupport
import Testing
import Wire

/// The real `users-service` executable, driven over its socket through every method.
@Suite struct UsersServiceEndToEndTests {
    @Test("every users method over Wire, with its errors")
    func everyMethod() async throws {
        let service = try await UsersServiceProcess(settings: ["ADMIN_TELEGRAM_IDS": "1"])

        let created = try await service.call(
            UsersRegister.self, .init(telegramID: 42, username: "alice", firstName: "Alice", languageCode: "en"))
        #expect(created.created)
        #expect(created.user.role == .member && created.user.status == .active)
        let again = try await service.call(UsersRegister.self, .init(telegramID: 42, username: "alice", firstName: "Alice"))
        #expect(!again.created)
        #expect(again.user.languageCode == "en")

        #expect(try await service.call(UsersGet.self, .init(telegramID: 42)).user.username == "alice")
        let admin = try await service.call(UsersGet.self, .init(telegramID: 1)).user
        #expect(admin.role == .admin && admin.status == .active)
        let missing = await service.error(UsersGet.self, .init(telegramID: 404))
        #expect(missing?.code == .notFound)
        #expect(missing?.details?["telegram_id"] == 404)

        let firstPage = try await service.call(UsersList.self, .init(limit: 1))
        #expect(firstPage.users.map(\.telegramID) == [1])
        let secondPage = try await service.call(UsersList.self, .init(limit: 1, cursor: firstPage.nextCursor))
        #expect(secondPage.users.map(\.telegramID) == [42])
        #expect(secondPage.nextCursor == nil)
        #expect(try await service.call(UsersList.self, .init(search: "ALI")).users.map(\.telegramID) == [42])
        #expect(await service.error(UsersList.self, .init(limit: 500))?.details?["field"] == "params.limit")

        let update = try await service.call(
            UsersUpdate.self, .init(telegramID: 42, role: .editor, preferredKnowledgeBaseID: .some(7)), as: 1)
        #expect(update.changed == ["role", "preferred_knowledge_base_id"])
        #expect(update.user.role == .editor && update.user.preferredKnowledgeBaseID == 7)
        #expect(try await service.call(UsersUpdate.self, .init(telegramID: 42, role: .editor), as: 1).changed.isEmpty)
        let cleared = try await service.call(UsersUpdate.self, .init(telegramID: 42, preferredKnowledgeBaseID: .some(nil)), as: 42)
        #expect(cleared.user.preferredKnowledgeBaseID == nil)
        let noActor = await service.error(UsersUpdate.self, .init(telegramID: 42, status: .blocked))
        #expect(noActor?.code == .badRequest && noActor?.details?["field"] == "params.actor")
        let demoteConfigured = await service.error(UsersUpdate.self, .init(telegramID: 1, role: .member, actor: "admin-token"))
        #expect(demoteConfigured?.code == .conflict)

        let badRole = try #require(
            try await service.raw(
                #"{"v":1,"id":5,"method":"users.update","params":{"telegram_id":42,"role":"owner"},"ctx":{"correlation_id":"raw"}}"#))
        let badRoleError = try #require(badRole["error"] as? [String: Any])
        #expect(badRoleError["code"] as? String == "bad_request")
        #expect((badRoleError["details"] as? [String: Any])?["field"] as? String == "params.role")

        let allowed = try await service.call(UsersAuthorize.self, .init(telegramID: 42, action: .manageKnowledge))
        #expect(allowed == UsersAuthorize.Result(allowed: true, reason: nil, role: .editor, status: .active))
        let tooLow = try await service.call(UsersAuthorize.self, .init(telegramID: 42, action: .manageUsers))
        #expect(tooLow.reason == .roleTooLow)
        #expect(try await service.call(UsersAuthorize.self, .init(telegramID: 999, action: .readSelf)).reason == .unknown)

        let stats = try await service.call(UsersStats.self, WireEmpty())
        #expect(stats.total == 2)
        #expect(stats.byRole == [.admin: 1, .editor: 1, .member: 0])
        #expect(stats.activeLast24h == 1)

        let audit = try await service.call(UsersAudit.self, .init(telegramID: 42))
        #expect(audit.entries.map(\.field) == [.role, .status, .role])
        #expect(audit.entries.first?.actor == "telegram:1")
        #expect(audit.entries.first?.oldValue == "member" && audit.entries.first?.newValue == "editor")

        let noDeleteActor = await service.error(UsersDelete.self, .init(telegramID: 42))
        #expect(noDeleteActor?.details?["field"] == "params.actor")
        let deleted = try await service.call(UsersDelete.self, .init(telegramID: 42, actor: "admin-token"))
        #expect(deleted.user.telegramID == 42)
        #expect(await service.error(UsersGet.self, .init(telegramID: 42))?.code == .notFound)
        #expect(await service.error(UsersDelete.self, .init(telegramID: 42, actor: "admin-token"))?.code == .notFound)
        #expect(try await service.call(UsersAudit.self, .init(telegramID: 42)).entries.first?.actor == "admin-token")

        let info = try await service.call(SysInfo.self, WireEmpty())
        #expect(
            Set(info.methods).isSuperset(of: [
                UsersRegister.name, UsersGet.name, UsersList.name, UsersUpdate.name, UsersDelete.name,
                UsersAuthorize.name, UsersStats.name, UsersAudit.name,
            ]))
        #expect(await service.stop() == 0)
    }

    @Test("under ACCESS_MODE=allowlist a new user waits, and the last admin stays")
    func allowlistAndLastAdmin() async throws {
        let service = try await UsersServiceProcess(settings: ["ACCESS_MODE": "allowlist"])
        let user = try await service.call(UsersRegister.self, .init(telegramID: 5)).user
        #expect(user.status == .pending)
        #expect(try await service.call(UsersAuthorize.self, .init(telegramID: 5, action: .query)).reason == .pending)
        #expect(try await service.call(UsersAuthorize.self, .init(telegramID: 5, action: .readSelf)).allowed)

        _ = try await service.call(UsersUpdate.self, .init(telegramID: 5, role: .admin, status: .active, actor: "admin-token"))
        let lastAdmin = await service.error(UsersUpdate.self, .init(telegramID: 5, status: .blocked, actor: "admin-token"))
        #expect(lastAdmin?.code == .conflict)
        #expect(await service.error(UsersDelete.self, .init(telegramID: 5), as: 5)?.code == .conflict)
        #expect(await service.stop() == 0)
    }

    @Test("a restarted process keeps users and audit")
    func restartKeepsData() async throws {
        let service = try await UsersServiceProcess(settings: ["ADMIN_TELEGRAM_IDS": "1"])
        let registered = try await service.call(UsersRegister.self, .init(telegramID: 77, username: "kept", lastName: "Петров")).user
        _ = try await service.call(UsersUpdate.self, .init(telegramID: 77, status: .blocked), as: 1)
        let auditBefore = try await service.call(UsersAudit.self, .init())

        #expect(try await service.restart() == 0)

        let after = try await service.call(UsersGet.self, .init(telegramID: 77)).user
        var expected = registered
        expected.status = .blocked
        #expect(after == expected)
        #expect(try await service.call(UsersAudit.self, .init()) == auditBefore)
        #expect(try await service.call(UsersList.self, .init(search: "петров")).users.map(\.telegramID) == [77])
        #expect(await service.stop() == 0)
    }

    @Test(
        "an invalid setting stops the process, naming the variable",
        arguments: [
            ("ACCESS_MODE", "closed"), ("ADMIN_TELEGRAM_IDS", "1,admin"),
        ])
    func invalidSetting(variable: String, value: String) async throws {
        let folder = try TemporaryDirectory(prefix: "users-e2e")
        let process = try ServiceProcess(
            "users-service",
            environment: ["MESH_RUN_DIR": folder.file("run"), "MESH_DATA_DIR": folder.file("data"), variable: value],
            logDirectory: folder.path
        )
        #expect(await process.waitForExit(timeout: .seconds(10)) == 2)
        #expect(process.logLines().joined().contains(variable))
    }
}
