import Wire

/// `GET /api/v1/me`: who the caller is.
struct MeResponse: Encodable {
    /// `telegram` or `admin_token`.
    var caller: String
    var user: User?
}

/// `POST /api/v1/users`: a user's Telegram profile, as the bot sees it on `/start`.
struct RegistrationBody: Decodable {
    var telegramID: Int64?
    var username: String?
    var firstName: String?
    var lastName: String?
    var languageCode: String?

    enum CodingKeys: String, CodingKey {
        case username
        case telegramID = "telegram_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case languageCode = "language_code"
    }
}

/// `PATCH /api/v1/users/{telegram_id}`: the fields to change; `null` clears the preferred
/// knowledge base.
struct UserPatch: Decodable {
    var role: UserRole?
    var status: UserStatus?
    var preferredKnowledgeBaseID: Int64??
    var languageCode: String?

    /// Role and status are an admin's to change; the rest is the user's own business.
    var changesAccess: Bool { role != nil || status != nil }

    enum CodingKeys: String, CodingKey {
        case role, status
        case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
        case languageCode = "language_code"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decodeIfPresent(UserRole.self, forKey: .role)
        status = try container.decodeIfPresent(UserStatus.self, forKey: .status)
        languageCode = try container.decodeIfPresent(String.self, forKey: .languageCode)
        if container.contains(.preferredKnowledgeBaseID) {
            preferredKnowledgeBaseID = .some(try container.decodeIfPresent(Int64.self, forKey: .preferredKnowledgeBaseID))
        }
    }
}
