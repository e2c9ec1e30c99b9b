/// `users.update`: changes a user's role, status, preferred knowledge base or language.
///
/// Fields left out stay as they are; `preferred_knowledge_base_id: null` clears the choice.
/// Setting a value the user already has changes nothing and writes no audit entry, so the
/// call is idempotent. Every role or status change is audited with its actor: `actor`
/// when given (e.g. `admin-token`), else `ctx.telegram_id` (as `telegram:<id>`); a role or
/// status change with neither is a `bad_request`.
///
/// Errors: `not_found` for an unknown id; `bad_request` with `details.field` for a bad
/// value; `conflict` when the change would leave no active admin, or would demote or
/// block an id in `ADMIN_TELEGRAM_IDS`.
///
/// Params: `{"telegram_id":42,"role":"editor","status":"active","preferred_knowledge_base_id":3,"language_code":"ru","actor":"admin-token"}`.
/// Result: `{"user":{…},"changed":["role"]}`.
public enum UsersUpdate: WireMethod {
    public static let name = "users.update"
    public static let isIdempotent = true

    public struct Params: Codable, Sendable, Equatable {
        public var telegramID: Int64
        public var role: UserRole?
        public var status: UserStatus?
        /// `nil`: leave as is; `.some(nil)`: clear; `.some(id)`: choose knowledge base `id`.
        /// On the wire: absent, `null`, or the id.
        public var preferredKnowledgeBaseID: Int64??
        public var languageCode: String?
        /// Who asks, when it is not the Telegram user in `ctx`.
        public var actor: String?

        public init(
            telegramID: Int64,
            role: UserRole? = nil,
            status: UserStatus? = nil,
            preferredKnowledgeBaseID: Int64?? = nil,
            languageCode: String? = nil,
            actor: String? = nil
        ) {
            self.telegramID = telegramID
            self.role = role
            self.status = status
            self.preferredKnowledgeBaseID = preferredKnowledgeBaseID
            self.languageCode = languageCode
            self.actor = actor
        }

        enum CodingKeys: String, CodingKey {
            case role, status, actor
            case telegramID = "telegram_id"
            case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
            case languageCode = "language_code"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            telegramID = try container.decode(Int64.self, forKey: .telegramID)
            role = try container.decodeIfPresent(UserRole.self, forKey: .role)
            status = try container.decodeIfPresent(UserStatus.self, forKey: .status)
            languageCode = try container.decodeIfPresent(String.self, forKey: .languageCode)
            actor = try container.decodeIfPresent(String.self, forKey: .actor)
            // Present-but-null means "clear", which a plain optional cannot tell from absent.
            if container.contains(.preferredKnowledgeBaseID) {
                preferredKnowledgeBaseID = .some(try container.decodeIfPresent(Int64.self, forKey: .preferredKnowledgeBaseID))
            } else {
                preferredKnowledgeBaseID = nil
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(telegramID, forKey: .telegramID)
            try container.encodeIfPresent(role, forKey: .role)
            try container.encodeIfPresent(status, forKey: .status)
            if let choice = preferredKnowledgeBaseID {
                if let id = choice {
                    try container.encode(id, forKey: .preferredKnowledgeBaseID)
                } else {
                    try container.encodeNil(forKey: .preferredKnowledgeBaseID)
                }
            }
            try container.encodeIfPresent(languageCode, forKey: .languageCode)
            try container.encodeIfPresent(actor, forKey: .actor)
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The user as stored after the call.
        public var user: User
        /// The fields this call changed, by their JSON names (`role`, `status`,
        /// `preferred_knowledge_base_id`, `language_code`); empty when nothing changed.
        public var changed: [String]

        public init(user: User, changed: [String]) {
            self.user = user
            self.changed = changed
        }
    }
}
