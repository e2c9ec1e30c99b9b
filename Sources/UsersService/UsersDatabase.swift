import GRDB
import SQLiteStorage

/// `users.sqlite`: the one `DatabasePool` this process keeps on it, brought to the current
/// schema on open.
enum UsersDatabase {
    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    static func open(path: String) throws(SQLiteDatabase.Error) -> DatabasePool {
        try SQLiteDatabase.open(path: path, label: "users", owner: "users-service", migrator: migrator)
    }
}
