/// `users.register`: records a user who sent `/start`, or refreshes the profile of one
/// already known. Idempotent: repeating it changes nothing but `last_seen_at`.
///
/// A new user starts `active` under `ACCESS_MODE=open` and `pending` under `allowlist`;
/// ids in `ADMIN_TELEGRAM_IDS` are always `admin`/`active`. The profile fields overwrite
/// what was stored, except `language_code`, which only fills an empty one (a language the
/// user chose through `users.update` stays).
///
/// Params: `{"telegram_id":42,"username":"alice","first_name":"Alice","last_name":"Smith","language_code":"en"}`
/// (all but `telegram_id` optional). Result: `{"user":{…},"created":true}`.
public enum UsersRegister: WireMethod {
    public static let name = "users.register"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64
        public var username: String?
        public var firstName: String?
        public var lastName: String?
        public var languageCode: String?

        public init(
            telegramID: Int64, username: String? = nil, firstName: String? = nil, lastName: String? = nil, languageCode: String? = nil
        ) {
            self.telegramID = telegramID
            self.username = username
            self.firstName = firstName
            self.lastName = lastName
            self.languageCode = languageCode
        }

        enum CodingKeys: String, CodingKey {
            case username
            case telegramID = "telegram_id"
            case firstName = "first_name"
            case lastName = "last_name"
            case languageCode = "language_code"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The user as stored after the call.
        public var user: User
        /// Whether this call created the user.
        public var created: Bool

        public init(user: User, created: Bool) {
            self.user = user
            self.created = created
        }
    }
}
