/// `users.stats`: how many users there are, by role and by status, and how many were seen
/// lately.
///
/// Params: `{}`. Result: `{"total":3,"by_role":{"admin":1,"editor":0,"member":2},
/// "by_status":{"pending":1,"active":2,"blocked":0},"active_last_24h":2,"active_last_7d":3}`;
/// every role and status is present, zero or not.
public enum UsersStats: WireMethod {
    public static let name = "users.stats"
    public static let isIdempotent = true

    public typealias Params = WireEmpty

    public struct Result: Codable, Sendable, Equatable {
        public var total: Int
        public var byRole: [UserRole: Int]
        public var byStatus: [UserStatus: Int]
        /// Users seen (`users.register` or `users.authorize`) in the last 24 hours.
        public var activeLast24h: Int
        /// Users seen in the last 7 days.
        public var activeLast7d: Int

        public init(total: Int, byRole: [UserRole: Int], byStatus: [UserStatus: Int], activeLast24h: Int, activeLast7d: Int) {
            self.total = total
            self.byRole = byRole
            self.byStatus = byStatus
            self.activeLast24h = activeLast24h
            self.activeLast7d = activeLast7d
        }

        enum CodingKeys: String, CodingKey {
            case total
            case byRole = "by_role"
            case byStatus = "by_status"
            case activeLast24h = "active_last_24h"
            case activeLast7d = "active_last_7d"
        }
    }
}
