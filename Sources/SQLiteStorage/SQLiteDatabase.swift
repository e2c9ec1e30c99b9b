import Foundation
import GRDB

/// Opens a service's own SQLite file: one `DatabasePool` (WAL, readers in parallel with the
/// one writer), brought to the current schema by the service's migrator on open.
public enum SQLiteDatabase {
    /// Why a database could not be opened.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// The file was migrated by a newer build, which this one must not touch.
        case newerSchema(path: String, owner: String, unknownMigrations: [String])
        /// SQLite could not open or migrate the file.
        case unusable(path: String, reason: String)

        public var description: String {
            switch self {
            case .newerSchema(let path, let owner, let unknown):
                "\(path) was written by a newer \(owner) (migrations \(unknown.joined(separator: ", "))); run that version or restore a backup"
            case .unusable(let path, let reason):
                "cannot open \(path): \(reason)"
            }
        }
    }

    /// Opens (creating if needed) the database at `path` and applies `migrator`'s pending
    /// migrations. `owner` is the service, for messages; `label` names GRDB's connections.
    public static func open(path: String, label: String, owner: String, migrator: DatabaseMigrator) throws(Error) -> DatabasePool {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.label = label
            // Only this process writes; a short wait covers a backup tool holding a lock.
            configuration.busyMode = .timeout(5)
            let pool = try DatabasePool(path: path, configuration: configuration)
            let unknown = try pool.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            }
            if !unknown.isEmpty {
                throw Error.newerSchema(path: path, owner: owner, unknownMigrations: unknown.sorted())
            }
            try migrator.migrate(pool)
            return pool
        } catch let error as Error {
            throw error
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }
}
