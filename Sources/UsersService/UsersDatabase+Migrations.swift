import GRDB

extension UsersDatabase {
    /// Every schema version, oldest first. Never edit a shipped migration: add a new one,
    /// so a newer binary brings an older file up to date on start.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: UserRecord.databaseTableName) { table in
                // INTEGER PRIMARY KEY: the Telegram id is the rowid, so a lookup is one B-tree probe.
                table.primaryKey("telegram_id", .integer)
                table.column("username", .text)
                table.column("first_name", .text)
                table.column("last_name", .text)
                table.column("language_code", .text)
                table.column("role", .text).notNull()
                    .check(sql: "role IN ('admin', 'editor', 'member')")
                table.column("status", .text).notNull()
                    .check(sql: "status IN ('pending', 'active', 'blocked')")
                table.column("preferred_knowledge_base_id", .integer)
                // Lowercased username, then "first last" on a second line, for `users.list` search.
                table.column("search_text", .text).notNull().defaults(to: "")
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.column("last_seen_at", .datetime)
            }
            try db.create(index: "user_on_role_status", on: UserRecord.databaseTableName, columns: ["role", "status"])
            try db.create(index: "user_on_last_seen_at", on: UserRecord.databaseTableName, columns: ["last_seen_at"])

            try db.create(table: AuditRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                // No foreign key: entries outlive the users they are about.
                table.column("telegram_id", .integer).notNull()
                table.column("actor", .text).notNull()
                table.column("field", .text).notNull().check(sql: "field IN ('role', 'status')")
                table.column("old_value", .text)
                table.column("new_value", .text)
                table.column("at", .datetime).notNull()
            }
            try db.create(index: "user_audit_on_telegram_id", on: AuditRecord.databaseTableName, columns: ["telegram_id", "id"])
        }
        return migrator
    }
}
