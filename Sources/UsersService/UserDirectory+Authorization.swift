import Foundation
import GRDB
import Wire

extension UserDirectory {
    /// May the user with `telegramID` do `action` now?
    ///
    /// On the gateway's path for every request, so it is one primary-key read through a
    /// cached statement. A known user's `last_seen_at` is written only when it is older
    /// than `lastSeenResolution`, at most once a minute per user by default.
    func authorize(_ telegramID: Int64, _ action: UserAction) async throws(Error) -> UsersAuthorize.Result {
        try Validation.telegramID(telegramID)
        let standing = try await readOneStatement { db -> Standing? in
            let statement = try db.cachedStatement(sql: "SELECT role, status, last_seen_at FROM user WHERE telegram_id = ?")
            guard let row = try Row.fetchOne(statement, arguments: [telegramID]) else { return nil }
            return Standing(
                role: UserRole(rawValue: row["role"]), status: UserStatus(rawValue: row["status"]), lastSeenAt: row["last_seen_at"])
        }
        guard let standing else {
            return AccessPolicy.decide(action, role: nil, status: nil)
        }
        guard let role = standing.role, let status = standing.status else {
            throw .storage("user \(telegramID) has a role or status this build does not know")
        }
        let now = now()
        if standing.lastSeenAt.map({ now.timeIntervalSince($0) >= lastSeenResolution }) ?? true {
            try await touch(telegramID, at: now)
        }
        return AccessPolicy.decide(action, role: role, status: status)
    }

    /// Sets `last_seen_at`, unless another request already moved it forward.
    private func touch(_ telegramID: Int64, at now: Date) async throws(Error) {
        try await write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE user SET last_seen_at = ? WHERE telegram_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)"
            )
            try statement.execute(arguments: [now, telegramID, now])
        }
    }

    /// What `authorize` reads of a user.
    private struct Standing: Sendable {
        var role: UserRole?
        var status: UserStatus?
        var lastSeenAt: Date?
    }
}
