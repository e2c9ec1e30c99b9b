import Foundation
import GRDB
import Wire

extension UserDirectory {
    /// One page of users matching `filter`, in Telegram-id order, and the cursor of the
    /// next page when there is one.
    func list(_ filter: UserFilter, limit: Int?, cursor: String?) async throws(Error) -> (users: [User], next: String?) {
        let limit = try Validation.limit(limit, default: UsersList.defaultLimit, range: UsersList.limitRange)
        var start: PageCursor?
        if let cursor { start = try PageCursor(token: cursor, listing: .users) }
        var request = UserRecord.order(UserRecord.Columns.telegramID).limit(limit + 1)
        if let role = filter.role {
            request = request.filter(UserRecord.Columns.role == role.rawValue)
        }
        if let status = filter.status {
            request = request.filter(UserRecord.Columns.status == status.rawValue)
        }
        if let needle = filter.needle {
            request = request.filter(sql: "instr(search_text, ?) > 0", arguments: [needle])
        }
        if let start {
            request = request.filter(UserRecord.Columns.telegramID > start.after)
        }
        let query = request
        let records = try await read { db in try query.fetchAll(db) }
        let page = records.prefix(limit)
        let next = records.count > limit ? page.last.map { PageCursor(listing: .users, after: $0.telegramID).token } : nil
        return (page.map(\.user), next)
    }

    /// One page of audit entries, newest first, for one user or (`telegramID` nil) for all.
    func audit(of telegramID: Int64?, limit: Int?, cursor: String?) async throws(Error) -> (entries: [AuditEntry], next: String?) {
        if let telegramID { try Validation.telegramID(telegramID) }
        let limit = try Validation.limit(limit, default: UsersAudit.defaultLimit, range: UsersAudit.limitRange)
        var start: PageCursor?
        if let cursor { start = try PageCursor(token: cursor, listing: .audit) }
        var request = AuditRecord.order(AuditRecord.Columns.id.desc).limit(limit + 1)
        if let telegramID {
            request = request.filter(AuditRecord.Columns.telegramID == telegramID)
        }
        if let start {
            request = request.filter(AuditRecord.Columns.id < start.after)
        }
        let query = request
        let records = try await read { db in try query.fetchAll(db) }
        let page = records.prefix(limit)
        let next = records.count > limit ? page.last.flatMap(\.id).map { PageCursor(listing: .audit, after: $0).token } : nil
        return (page.map(\.entry), next)
    }

    /// Counts by role and status, and how many users were seen in the last day and week.
    func stats() async throws(Error) -> UsersStats.Result {
        let now = now()
        let dayAgo = now.addingTimeInterval(-86_400)
        let weekAgo = now.addingTimeInterval(-7 * 86_400)
        return try await read { db in
            var byRole = Dictionary(uniqueKeysWithValues: UserRole.allCases.map { ($0, 0) })
            var byStatus = Dictionary(uniqueKeysWithValues: UserStatus.allCases.map { ($0, 0) })
            var total = 0
            let rows = try Row.fetchAll(db, sql: "SELECT role, status, COUNT(*) AS count FROM user GROUP BY role, status")
            for row in rows {
                let count: Int = row["count"]
                total += count
                if let role = UserRole(rawValue: row["role"]) { byRole[role, default: 0] += count }
                if let status = UserStatus(rawValue: row["status"]) { byStatus[status, default: 0] += count }
            }
            let seen = UserRecord.filter(UserRecord.Columns.lastSeenAt >= dayAgo)
            let seenThisWeek = UserRecord.filter(UserRecord.Columns.lastSeenAt >= weekAgo)
            return UsersStats.Result(
                total: total,
                byRole: byRole,
                byStatus: byStatus,
                activeLast24h: try seen.fetchCount(db),
                activeLast7d: try seenThisWeek.fetchCount(db)
            )
        }
    }
}
