/// `users.audit`: role and status changes, newest first, for one user or for everyone,
/// one page at a time. Entries outlive the users they are about.
///
/// Params (all optional): `{"telegram_id":42,"limit":50,"cursor":"…"}`; `limit` is 1…200,
/// default 50; `cursor` is the previous page's `next_cursor`.
/// Result: `{"entries":[…],"next_cursor":"…"}`, `next_cursor` absent on the last page.
public enum UsersAudit: WireMethod {
    public static let name = "users.audit"
    public static let isIdempotent = true

    /// The page size when none is asked for.
    public static let defaultLimit = 50
    /// The page sizes a caller may ask for.
    public static let limitRange = 1...200

    public struct Params: Codable, Sendable, Equatable {
        /// Whose changes; everyone's when absent.
        public var telegramID: Int64?
        public var limit: Int?
        public var cursor: String?

        public init(telegramID: Int64? = nil, limit: Int? = nil, cursor: String? = nil) {
            self.telegramID = telegramID
            self.limit = limit
            self.cursor = cursor
        }

        enum CodingKeys: String, CodingKey {
            case limit, cursor
            case telegramID = "telegram_id"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var entries: [AuditEntry]
        /// Where the next page starts; absent when this page is the last.
        public var nextCursor: String?

        public init(entries: [AuditEntry], nextCursor: String?) {
            self.entries = entries
            self.nextCursor = nextCursor
        }

        enum CodingKeys: String, CodingKey {
            case entries
            case nextCursor = "next_cursor"
        }
    }
}
