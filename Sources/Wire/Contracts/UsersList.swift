/// `users.list`: users in Telegram-id order, filtered, one page at a time.
///
/// Params (all optional): `{"role":"editor","status":"active","search":"ali","limit":50,"cursor":"…"}`.
/// `search` matches a part of the username, first or last name, ignoring case (a leading
/// `@` is dropped). `limit` is 1…200, default 50. Pass the previous page's `next_cursor`
/// as `cursor` for the next page; it is opaque and valid only with the same filters.
/// Result: `{"users":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
public enum UsersList: WireMethod {
    public static let name = "users.list"
    public static let isIdempotent = true

    /// The page size when none is asked for.
    public static let defaultLimit = 50
    /// The page sizes a caller may ask for.
    public static let limitRange = 1...200

    public struct Params: Codable, Sendable, Equatable {
        public var role: UserRole?
        public var status: UserStatus?
        public var search: String?
        public var limit: Int?
        public var cursor: String?

        public init(role: UserRole? = nil, status: UserStatus? = nil, search: String? = nil, limit: Int? = nil, cursor: String? = nil) {
            self.role = role
            self.status = status
            self.search = search
            self.limit = limit
            self.cursor = cursor
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var users: [User]
        /// Where the next page starts; absent when this page is the last.
        public var nextCursor: String?

        public init(users: [User], nextCursor: String?) {
            self.users = users
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case users
            case nextCursor = "next_cursor"
        }
    }
}
