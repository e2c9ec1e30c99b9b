import Foundation
import GRDB
import Wire

/// A row of the `user` table.
struct UserRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user"

    var telegramID: Int64
    var username: String?
    var firstName: String?
    var lastName: String?
    var languageCode: String?
    var role: UserRole
    var status: UserStatus
    var preferredKnowledgeBaseID: Int64?
    var searchText: String
    var createdAt: Date
    var updatedAt: Date
    var lastSeenAt: Date?

    enum CodingKeys: String, CodingKey {
        case username, role, status
        case telegramID = "telegram_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case languageCode = "language_code"
        case preferredKnowledgeBaseID = "preferred_knowledge_base_id"
        case searchText = "search_text"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastSeenAt = "last_seen_at"
    }

    enum Columns {
        static let telegramID = Column(CodingKeys.telegramID)
        static let role = Column(CodingKeys.role)
        static let status = Column(CodingKeys.status)
        static let searchText = Column(CodingKeys.searchText)
        static let lastSeenAt = Column(CodingKeys.lastSeenAt)
    }

    /// The user as the Wire contracts show it.
    var user: User {
        User(
            telegramID: telegramID,
            username: username,
            firstName: firstName,
            lastName: lastName,
            languageCode: languageCode,
            role: role,
            status: status,
            preferredKnowledgeBaseID: preferredKnowledgeBaseID,
            createdAt: createdAt,
            lastSeenAt: lastSeenAt
        )
    }

    /// Keeps `searchText` in step with the names; call after changing any of them.
    mutating func refreshSearchText() {
        searchText = Self.searchText(username: username, firstName: firstName, lastName: lastName)
    }

    /// What `users.list` searches, lowercased (Unicode-aware, unlike SQLite's `lower`): the
    /// username on one line, the full name ("first last") on the next, so a search may span
    /// first and last name but never the username and a name.
    static func searchText(username: String?, firstName: String?, lastName: String?) -> String {
        let fullName = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return "\(username ?? "")\n\(fullName)".lowercased()
    }
}
