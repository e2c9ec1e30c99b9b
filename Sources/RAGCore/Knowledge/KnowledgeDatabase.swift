import Foundation
import GRDB

/// `kb.sqlite`: the one `DatabasePool` this process keeps on it (WAL, readers in parallel
/// with the writer), brought to the current schema on open. It is the system of record;
/// the search index is derived from it.
enum KnowledgeDatabase {
    /// Why the database could not be opened.
    enum Error: Swift.Error, CustomStringConvertible {
        /// The file was migrated by a newer build, which this one must not touch.
        case newerSchema(path: String, unknownMigrations: [String])
        /// SQLite could not open or migrate the file.
        case unusable(path: String, reason: String)

        var description: String {
            switch self {
            case .newerSchema(let path, let unknown):
                "\(path) was written by a newer rag-core (migrations \(unknown.joined(separator: ", "))); run that version or restore a backup"
            case .unusable(let path, let reason):
                "cannot open \(path): \(reason)"
            }
        }
    }

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    static func open(path: String) throws(Error) -> DatabasePool {
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            let unknown = try pool.read { db in
                try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
            }
            if !unknown.isEmpty {
                throw Error.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            try migrator.migrate(pool)
            return pool
        } catch let error as Error {
            throw error
        } catch {
            throw .unusable(path: path, reason: "\(error)")
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "kb"
        // Only this process writes; a short wait covers a backup tool holding a lock.
        configuration.busyMode = .timeout(5)
        return configuration
    }
}
