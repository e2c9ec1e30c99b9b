import Logging
import Wire

extension UserDirectory {
    /// The `users.*` methods, each a thin translation between its contract and the directory.
    func wireHandlers() -> WireHandlerTable {
        var table = WireHandlerTable()
        table.register(UsersRegister.self) { params, call in
            let profile = UserProfile(
                telegramID: params.telegramID, username: params.username, firstName: params.firstName,
                lastName: params.lastName, languageCode: params.languageCode
            )
            // The user registers themselves unless the caller says on whose behalf it acts.
            let actor = Self.actor(explicit: nil, ctx: call.ctx) ?? "telegram:\(params.telegramID)"
            let (user, created) = try await Self.answering(call) { try await self.register(profile, actor: actor) }
            if created {
                call.logger.info(
                    "user registered",
                    metadata: ["user": "\(user.telegramID)", "role": "\(user.role.rawValue)", "status": "\(user.status.rawValue)"])
            }
            return UsersRegister.Result(user: user, created: created)
        }
        table.register(UsersGet.self) { params, call in
            UsersGet.Result(user: try await Self.answering(call) { try await self.user(params.telegramID) })
        }
        table.register(UsersList.self) { params, call in
            let filter = UserFilter(role: params.role, status: params.status, search: params.search)
            let (users, next) = try await Self.answering(call) {
                try await self.list(filter, limit: params.limit, cursor: params.cursor)
            }
            return UsersList.Result(users: users, nextCursor: next)
        }
        table.register(UsersUpdate.self) { params, call in
            let changes = UserChanges(
                role: params.role, status: params.status,
                preferredKnowledgeBaseID: params.preferredKnowledgeBaseID, languageCode: params.languageCode
            )
            let actor = Self.actor(explicit: params.actor, ctx: call.ctx)
            let (user, changed) = try await Self.answering(call) {
                try await self.update(params.telegramID, changes, actor: actor)
            }
            if !changed.isEmpty {
                call.logger.info(
                    "user updated",
                    metadata: ["user": "\(user.telegramID)", "changed": "\(changed.joined(separator: ","))", "actor": "\(actor ?? "-")"])
            }
            return UsersUpdate.Result(user: user, changed: changed)
        }
        table.register(UsersDelete.self) { params, call in
            guard let actor = Self.actor(explicit: params.actor, ctx: call.ctx) else {
                throw UserDirectory.Error.invalid(field: "actor", reason: "is required: send ctx.telegram_id or params.actor").wireError
            }
            let user = try await Self.answering(call) { try await self.delete(params.telegramID, actor: actor) }
            call.logger.info("user deleted", metadata: ["user": "\(user.telegramID)", "actor": "\(actor)"])
            return UsersDelete.Result(user: user)
        }
        table.register(UsersAuthorize.self) { params, call in
            try await Self.answering(call) { try await self.authorize(params.telegramID, params.action) }
        }
        table.register(UsersStats.self) { _, call in
            try await Self.answering(call) { try await self.stats() }
        }
        table.register(UsersAudit.self) { params, call in
            let (entries, next) = try await Self.answering(call) {
                try await self.audit(of: params.telegramID, limit: params.limit, cursor: params.cursor)
            }
            return UsersAudit.Result(entries: entries, nextCursor: next)
        }
        return table
    }

    /// Who the audit names: the caller's explicit actor (e.g. `admin-token`), else the
    /// Telegram user in the request context.
    static func actor(explicit: String?, ctx: WireContext) -> String? {
        explicit ?? ctx.telegramID.map { "telegram:\($0)" }
    }

    /// Runs `work`, turning a directory error into the `WireError` the caller sees; a storage
    /// failure is logged here, since the caller only hears `internal`.
    /// (The closure's errors are untyped because typed throws in closures is fragile in the
    /// 6.3 compiler; the directory only ever throws `UserDirectory.Error`.)
    private static func answering<T>(_ call: WireCallContext, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as Error {
            if case .storage(let reason) = error {
                call.logger.error("users database failed", metadata: ["error": "\(reason)"])
            }
            throw error.wireError
        }
    }
}
