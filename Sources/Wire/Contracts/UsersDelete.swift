/// `users.delete`: removes a user; the audit keeps the removal. `not_found` for an unknown
/// id; `conflict` for the last active admin or an id in `ADMIN_TELEGRAM_IDS`.
///
/// The audit's actor is `actor` when given (e.g. `admin-token`), else `ctx.telegram_id`
/// (as `telegram:<id>`); with neither the call is a `bad_request`.
///
/// Params: `{"telegram_id":42,"actor":"admin-token"}`. Result: `{"user":{…}}`, the user as
/// it was.
public enum UsersDelete: WireMethod {
    public static let name = "users.delete"

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64
        /// Who asks, when it is not the Telegram user in `ctx`.
        public var actor: String?

        public init(telegramID: Int64, actor: String? = nil) {
            self.telegramID = telegramID
            self.actor = actor
        }

        enum CodingKeys: String, CodingKey {
            case actor
            case telegramID = "telegram_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The user that was removed, as it was.
        public var user: User

        public init(user: User) {
            self.user = user
        }
    }
}
