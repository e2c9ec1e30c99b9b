import Foundation

/// One user of the bot, keyed by Telegram id, as UsersService keeps it.
///
/// JSON: `{"telegram_id":42,"username":"alice","first_name":"Alice","last_name":"Smith",
/// "language_code":"en","role":"member","status":"active","preferred_knowledge_base_id":3,
/// "created_at":"2025-01-01T10:00:00Z","last_seen_at":"2025-01-02T08:30:00Z"}`; fields
/// without a value are left out. Instants are ISO 8601 to the second, whatever the coder's
/// date strategy.
public struct User: Codable, Sendable, Equatable {
    /// The Telegram user id, the key.
    public var telegramID: Int64
    /// The Telegram `@username`, without the `@`.
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    /// IETF language tag, e.g. `en` or `ru`.
    public var languageCode: String?
    public var role: UserRole
    public var status: UserStatus
    /// The knowledge base the user last chose, when there is one.
    public var preferredKnowledgeBaseID: Int64?
    public var createdAt: Date
    /// When the user was last seen through `users.register` or `users.authorize` (to a
    /// minute or so); absent for an admin configured but never seen.
    public var lastSeenAt: Date?

    public init(
        telegramID: Int64,
        username: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        languageCode: String? = nil,
        role: UserRole,
        status: UserStatus,
        preferredKnowledgeBaseID: Int64? = nil,
        createdAt: Date,
        lastSeenAt: Date? = nil
    ) {
        self.telegramID = telegramID
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.languageCode = languageCode
        self.role = role
        self.status = status
        self.preferredKnowledgeBaseID = preferredKnowledgeBaseID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }

    enum CodingKeys: String, CodingKey {
        case username, role, status
        case telegramID = "telegram_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case languageCode = "language_code"
        case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
        case createdAt = "created_at"
        case lastSeenAt = "last_seen_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        telegramID = try container.decode(Int64.self, forKey: .telegramID)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        languageCode = try container.decodeIfPresent(String.self, forKey: .languageCode)
        role = try container.decode(UserRole.self, forKey: .role)
        status = try container.decode(UserStatus.self, forKey: .status)
        preferredKnowledgeBaseID = try container.decodeIfPresent(Int64.self, forKey: .preferredKnowledgeBaseID)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        lastSeenAt = try container.decodeTimestampIfPresent(forKey: .lastSeenAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(telegramID, forKey: .telegramID)
        try container.encodeIfPresent(username, forKey: .username)
        try container.encodeIfPresent(firstName, forKey: .firstName)
        try container.encodeIfPresent(lastName, forKey: .lastName)
        try container.encodeIfPresent(languageCode, forKey: .languageCode)
        try container.encode(role, forKey: .role)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(preferredKnowledgeBaseID, forKey: .preferredKnowledgeBaseID)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestampIfPresent(lastSeenAt, forKey: .lastSeenAt)
    }
}
