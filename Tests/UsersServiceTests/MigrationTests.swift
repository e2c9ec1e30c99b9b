import Foundation
import GRDB
import TestSupport
import SQLiteStorage
import Testing
import Wire

@testable import UsersService

@Suite struct MigrationTests {
    @Test("a new file gets every migration and WAL journaling")
    func freshFile() throws {
        let folder = try TemporaryDirectory(prefix: "users")
        let pool = try UsersDatabase.open(path: folder.file("data/users.sqlite"))
        let (applied, journal) = try pool.read { db in
            (try UsersDatabase.migrator.appliedMigrations(db), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(applied == UsersDatabase.migrator.migrations)
        #expect(journal == "wal")
    }

    @Test("a file written before (v1 applied by hand, as an older build left it) opens with its data")
    func olderFileMigrates() async throws {
        let folder = try TemporaryDirectory(prefix: "users")
        let path = folder.file("users.sqlite")
        do {
            // An older build: only the migrations up to v1, and rows it wrote itself.
            let old = try DatabaseQueue(path: path)
            try UsersDatabase.migrator.migrate(old, upTo: "v1")
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO user (telegram_id, username, role, status, search_text, created_at, updated_at)
                        VALUES (8, 'eight', 'editor', 'active', 'eight\n', '2025-01-01 00:00:00.000', '2025-01-01 00:00:00.000')
                        """)
            }
            try old.close()
        }
        let fixture = try DirectoryFixture(folder: folder)
        let user = try await fixture.directory.user(8)
        #expect(user.username == "eight" && user.role == .editor)
        #expect(user.createdAt == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(try await fixture.directory.list(UserFilter(search: "EIGHT"), limit: nil, cursor: nil).users.count == 1)
    }

    @Test("reopening keeps users and audit")
    func reopenKeepsData() async throws {
        let first = try DirectoryFixture()
        try await first.register(1, username: "kept")
        _ = try await first.directory.update(1, UserChanges(role: .editor), actor: "admin-token")
        let second = try first.reopened()
        #expect(try await second.directory.user(1).role == .editor)
        #expect(try await second.auditEntries(of: 1).count == 3)
    }

    @Test("a file from a newer build is refused, not touched")
    func newerFileRefused() throws {
        let folder = try TemporaryDirectory(prefix: "users")
        let path = folder.file("users.sqlite")
        do {
            var newer = UsersDatabase.migrator
            newer.registerMigration("v999-from-the-future") { db in
                try db.execute(sql: "CREATE TABLE future (id INTEGER PRIMARY KEY)")
            }
            let queue = try DatabaseQueue(path: path)
            try newer.migrate(queue)
            try queue.close()
        }
        #expect {
            _ = try UsersDatabase.open(path: path)
        } throws: { error in
            guard case SQLiteDatabase.Error.newerSchema(_, _, let unknown) = error else { return false }
            return unknown == ["v999-from-the-future"] && "\(error)".contains("newer users-service")
        }
    }

    @Test("a file that is not a database is refused with its path")
    func garbageRefused() throws {
        let folder = try TemporaryDirectory(prefix: "users")
        let path = folder.file("users.sqlite")
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try UsersDatabase.open(path: path)
        } throws: { error in
            guard case SQLiteDatabase.Error.unusable(let reported, _) = error else { return false }
            return reported == path
        }
    }
}
