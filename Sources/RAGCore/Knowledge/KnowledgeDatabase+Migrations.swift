import GRDB

extension KnowledgeDatabase {
    /// Every schema version, oldest first. Never edit a shipped migration: add a new one.
    ///
    /// Ids are AUTOINCREMENT so a deleted document's or chunk's id is never reused: the
    /// index may still hold it until the change that removes it is applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: KnowledgeBaseRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("slug", .text).notNull().unique()
                table.column("name", .text).notNull()
                table.column("description", .text).notNull().defaults(to: "")
                table.column("language", .text).notNull().check(sql: "language IN ('ru', 'en', 'auto')")
                table.column("created_by", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: DocumentRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("knowledge_base_id", .integer).notNull()
                    .references(KnowledgeBaseRecord.databaseTableName, onDelete: .cascade)
                table.column("title", .text).notNull()
                table.column("source_uri", .text).notNull()
                table.column("deep_link", .text)
                table.column("content_hash", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("mime", .text)
                table.column("ingestion_job_id", .integer)
                table.column("chunk_count", .integer).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
                table.uniqueKey(["knowledge_base_id", "source_uri"])
            }
            try db.create(table: ChunkRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("document_id", .integer).notNull()
                    .references(DocumentRecord.databaseTableName, onDelete: .cascade)
                table.column("ordinal", .integer).notNull()
                table.column("heading_path", .text).notNull().defaults(to: "")
                table.column("text", .text).notNull()
                table.column("char_start", .integer).notNull()
                table.column("char_end", .integer).notNull()
                table.uniqueKey(["document_id", "ordinal"])
            }
            try db.create(table: IndexChangeRecord.databaseTableName) { table in
                // The sequence the index stores as applied; AUTOINCREMENT keeps it rising
                // even after applied changes are pruned.
                table.autoIncrementedPrimaryKey("sequence")
                table.column("kind", .text).notNull().check(sql: "kind IN ('document', 'knowledge_base')")
                table.column("target_id", .integer).notNull()
            }
            try db.create(table: QueryLogRecord.databaseTableName) { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("at", .datetime).notNull()
                table.column("telegram_id", .integer)
                table.column("knowledge_base_ids", .text).notNull()
                table.column("question", .text).notNull()
                table.column("answer_kind", .text).notNull()
                table.column("source_document_ids", .text).notNull()
                table.column("retrieve_ms", .double).notNull()
                table.column("generate_ms", .double).notNull()
                table.column("correlation_id", .text).notNull()
                table.column("helpful", .boolean)
                table.column("comment", .text)
            }
            try db.create(index: "query_log_on_telegram_id", on: QueryLogRecord.databaseTableName, columns: ["telegram_id", "id"])
        }
        return migrator
    }
}
