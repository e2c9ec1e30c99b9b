import GRDB

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
