import Foundation
import GRDB
import Wire

extension UserDirectory {
    /// May the user with `telegramID` do `action` now?
    ///
    /// On the gateway's path for every request, so a known user is read from the cache and
    /// an unknown one by primary key. A known user's `last_seen_at` is written only when it
    /// is older than `lastSeenResolution`, at most once a minute per user by default.
    func authorize(_ telegramID: Int64, _ action: UserAction) async throws(Error) -> UsersAuthorize.Result {
        try Validation.telegramID(telegramID)
        guard let record = try await record(telegramID) else {
            return AccessPolicy.decide(action, role: nil, status: nil)
        }
        let now = now()
        if record.lastSeenAt.map({ now.timeIntervalSince($0) >= lastSeenResolution }) ?? true {
            try await touch(telegramID, at: now)
        }
        return AccessPolicy.decide(action, role: record.role, status: record.status)
    }

    /// Sets `last_seen_at`, unless another request already moved it forward.
    private func touch(_ telegramID: Int64, at now: Date) async throws(Error) {
        try await write(changing: .user(telegramID)) { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE user SET last_seen_at = ? WHERE telegram_id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)"
            )
            try statement.execute(arguments: [now, telegramID, now])
        }
    }
}
