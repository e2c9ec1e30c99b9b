import GRDB
import Wire

extension UserRecord {
    /// The user with `telegramID`, through the connection's cached prepared statement.
    ///
    /// Every authenticated request reads one user; GRDB's query interface would build and
    /// authorize the same SQL each time, which cost more than the lookup itself.
    static func fetch(_ db: Database, telegramID: Int64) throws -> UserRecord? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM \"\(databaseTableName)\" WHERE telegram_id = ?")
        return try fetchOne(statement, arguments: [telegramID])
    }
}

extension UserRecord {
    /// Reads a row by column name. GRDB's `Codable` row decoder would instantiate generic
    /// containers for every column of every user read, once per authenticated request.
    init(row: Row) throws {
        guard let role = UserRole(rawValue: row["role"]), let status = UserStatus(rawValue: row["status"]) else {
            throw DatabaseError(message: "user \(row["telegram_id"] as Int64? ?? 0) has an unknown role or status")
        }
        telegramID = row["telegram_id"]
        username = row["username"]
        firstName = row["first_name"]
        lastName = row["last_name"]
        languageCode = row["language_code"]
        self.role = role
        self.status = status
        preferredKnowledgeBaseID = row["preferred_knowledge_base_id"]
        searchText = row["search_text"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        lastSeenAt = row["last_seen_at"]
    }
}
