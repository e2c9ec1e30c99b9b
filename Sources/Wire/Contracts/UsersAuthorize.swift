/// `users.authorize`: may this Telegram user do this action now? The gateway asks it on
/// every request, so it is one indexed read (and, at most once a minute per user, a write
/// of `last_seen_at`).
///
/// Denials name their exact reason; the user's role and status come back whenever the user
/// is known. See `UserAction` for who may do what.
///
/// Params: `{"telegram_id":42,"action":"query"}`.
/// Result: `{"allowed":false,"reason":"pending","role":"member","status":"pending"}`.
public enum UsersAuthorize: WireMethod {
    public static let name = "users.authorize"
    public static let isIdempotent = true

    /// Why an action was refused.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// No user with this Telegram id.
        case unknown
        /// The user waits for approval.
        case pending
        /// The user is blocked.
        case blocked
        /// The user is active, but the action needs a higher role.
        case roleTooLow = "role_too_low"
    }

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64
        public var action: UserAction

        public init(telegramID: Int64, action: UserAction) {
            self.telegramID = telegramID
            self.action = action
        }

        enum CodingKeys: String, CodingKey {
            case action
            case telegramID = "telegram_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var allowed: Bool
        /// Why not; absent when allowed.
        public var reason: Reason?
        /// The user's role; absent for an unknown user.
        public var role: UserRole?
        /// The user's status; absent for an unknown user.
        public var status: UserStatus?

        public init(allowed: Bool, reason: Reason?, role: UserRole?, status: UserStatus?) {
            self.allowed = allowed
            self.reason = reason
            self.role = role
            self.status = status
        }
    }
}
