import GRDB
import SQLiteStorage

/// `jobs.sqlite`: the one `DatabasePool` this process keeps on it, brought to the current
/// schema on open.
enum JobsDatabase {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    static func open(path: String) throws(SQLiteDatabase.Error) -> DatabasePool {
        try SQLiteDatabase.open(path: path, label: "jobs", owner: "ingest-service", migrator: migrator)
    }

    /// Every schema version, oldest first. Never edit a shipped migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: IngestionJobRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("knowledge_base_id", .integer).notNull()
                table.column("kind", .text).notNull()
                    .check(sql: "kind IN ('file', 'archive', 'url', 'git', 'wiki')")
                table.column("source", .text).notNull()
                // The submitted `IngestSource` as JSON: everything a worker needs to start over.
                table.column("spec", .text).notNull()
                table.column("submitted_by", .integer)
                table.column("state", .text).notNull()
                    .check(sql: "state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')")
                table.column("stage", .text)
                table.column("items_total", .integer).notNull().defaults(to: 0)
                table.column("items_done", .integer).notNull().defaults(to: 0)
                table.column("items_indexed", .integer).notNull().defaults(to: 0)
                table.column("items_unchanged", .integer).notNull().defaults(to: 0)
                table.column("items_skipped", .integer).notNull().defaults(to: 0)
                table.column("items_failed", .integer).notNull().defaults(to: 0)
                table.column("bytes_done", .integer).notNull().defaults(to: 0)
                table.column("bytes_total", .integer).notNull().defaults(to: 0)
                table.column("error", .text)
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("cancel_requested", .boolean).notNull().defaults(to: false)
                // The lease: which process runs it and until when, renewed by its heartbeat.
                table.column("lease_owner", .text)
                table.column("lease_expires_at", .datetime)
                table.column("heartbeat_at", .datetime)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                // When the current attempt started, for the ETA.
                table.column("started_at", .datetime)
                table.column("finished_at", .datetime)
            }
            try db.create(index: "job_on_state", on: IngestionJobRecord.databaseTableName, columns: ["state", "id"])
            try db.create(index: "job_on_knowledge_base", on: IngestionJobRecord.databaseTableName, columns: ["knowledge_base_id", "id"])

            try db.create(table: IngestionItemRecord.databaseTableName) { table in
                table.column("job_id", .integer).notNull()
                    .references(IngestionJobRecord.databaseTableName, onDelete: .cascade)
                // The item's name within its task: an archive path, a URL, a repository path, a wiki page.
                table.column("name", .text).notNull()
                table.column("outcome", .text).notNull()
                    .check(sql: "outcome IN ('indexed', 'unchanged', 'skipped', 'failed')")
                table.column("reason", .text)
                table.column("source_uri", .text)
                table.column("bytes", .integer).notNull().defaults(to: 0)
                table.column("at", .datetime).notNull()
                table.primaryKey(["job_id", "name"])
            }
        }
        return migrator
    }
}
