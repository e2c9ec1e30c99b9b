import GRDB
import SQLiteStorage

/// `kb.sqlite`: the one `DatabasePool` this process keeps on it, brought to the current schema
/// on open. It is the system of record; the search index is derived from it.
enum KnowledgeDatabase {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    static func open(path: String) throws(SQLiteDatabase.Error) -> DatabasePool {
        try SQLiteDatabase.open(path: path, label: "kb", owner: "rag-core", migrator: migrator)
    }
}
