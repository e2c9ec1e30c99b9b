import Foundation
import GRDB
import Wire

extension UserDirectory {
    /// Applies `changes` to the user with `telegramID`, auditing role and status changes
    /// under `actor`. Values equal to the current ones change nothing, so repeating a call
    /// is harmless; the result names the fields that did change.
    ///
    /// Refuses (`conflict`) to demote, block or suspend a configured admin or the last
    /// active admin. `actor` is needed only when a role or status actually changes.
    func update(_ telegramID: Int64, _ changes: UserChanges, actor: String?) async throws(Error) -> (user: User, changed: [String]) {
        try Validation.telegramID(telegramID)
        var validActor: String?
        if let actor { validActor = try Validation.actor(actor) }
        let actor = validActor
        let languageCode = try Validation.languageCode(changes.languageCode)
        if case .some(.some(let id)) = changes.preferredKnowledgeBaseID {
            try Validation.knowledgeBaseID(id)
        }
        let isConfiguredAdmin = adminTelegramIDs.contains(telegramID)
        let now = now()
        return try await write(changing: .user(telegramID)) { db in
            guard var record = try UserRecord.fetch(db, telegramID: telegramID) else { throw Error.notFound(telegramID: telegramID) }
            let before = record
            var changed: [String] = []
            if let role = changes.role, role != record.role {
                record.role = role
                changed.append("role")
            }
            if let status = changes.status, status != record.status {
                record.status = status
                changed.append("status")
            }
            if let choice = changes.preferredKnowledgeBaseID, choice != record.preferredKnowledgeBaseID {
                record.preferredKnowledgeBaseID = choice
                changed.append("preferred_knowledge_base_id")
            }
            if let languageCode, languageCode != record.languageCode {
                record.languageCode = languageCode
                changed.append("language_code")
            }
            guard !changed.isEmpty else { return (record.user, []) }

            let losesAdmin = before.isActiveAdmin && !record.isActiveAdmin
            if losesAdmin, isConfiguredAdmin { throw Error.configuredAdmin(telegramID: telegramID) }
            if losesAdmin, try Self.otherActiveAdminCount(db, than: telegramID) == 0 {
                throw Error.lastActiveAdmin(telegramID: telegramID)
            }
            if record.role != before.role || record.status != before.status {
                guard let actor else {
                    throw Error.invalid(
                        field: "actor", reason: "is required for a role or status change: send ctx.telegram_id or params.actor")
                }
                if record.role != before.role {
                    try Self.audit(db, telegramID, .role, from: before.role.rawValue, to: record.role.rawValue, by: actor, at: now)
                }
                if record.status != before.status {
                    try Self.audit(db, telegramID, .status, from: before.status.rawValue, to: record.status.rawValue, by: actor, at: now)
                }
            }
            record.updatedAt = now
            try record.update(db)
            return (record.user, changed)
        }
    }

    /// Removes the user with `telegramID` and returns them as they were. The audit records
    /// the removal as role and status changing to nothing.
    ///
    /// Refuses (`conflict`) to remove a configured admin or the last active admin.
    func delete(_ telegramID: Int64, actor: String) async throws(Error) -> User {
        try Validation.telegramID(telegramID)
        let actor = try Validation.actor(actor)
        let isConfiguredAdmin = adminTelegramIDs.contains(telegramID)
        let now = now()
        return try await write(changing: .user(telegramID)) { db in
            guard let record = try UserRecord.fetch(db, telegramID: telegramID) else { throw Error.notFound(telegramID: telegramID) }
            if isConfiguredAdmin { throw Error.configuredAdmin(telegramID: telegramID) }
            if record.isActiveAdmin, try Self.otherActiveAdminCount(db, than: telegramID) == 0 {
                throw Error.lastActiveAdmin(telegramID: telegramID)
            }
            try record.delete(db)
            try Self.audit(db, telegramID, .role, from: record.role.rawValue, to: nil, by: actor, at: now)
            try Self.audit(db, telegramID, .status, from: record.status.rawValue, to: nil, by: actor, at: now)
            return record.user
        }
    }

    /// Active admins other than `telegramID`, inside the caller's transaction.
    private static func otherActiveAdminCount(_ db: Database, than telegramID: Int64) throws -> Int {
        try UserRecord
            .filter(UserRecord.Columns.role == UserRole.admin.rawValue)
            .filter(UserRecord.Columns.status == UserStatus.active.rawValue)
            .filter(UserRecord.Columns.telegramID != telegramID)
            .fetchCount(db)
    }
}

extension UserRecord {
    /// Whether this user can act as an admin right now.
    var isActiveAdmin: Bool { role == .admin && status == .active }
}
