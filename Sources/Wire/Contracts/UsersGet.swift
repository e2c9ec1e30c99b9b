/// `users.get`: one user by Telegram id; `not_found` when there is no such user.
///
/// Params: `{"telegram_id":42}`. Result: `{"user":{…}}`.
public enum UsersGet: WireMethod {
    public static let name = "users.get"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64

        public init(telegramID: Int64) {
            self.telegramID = telegramID
        }

        enum CodingKeys: String, CodingKey {
            case telegramID = "telegram_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var user: User

        public init(user: User) {
            self.user = user
        }
    }
}
