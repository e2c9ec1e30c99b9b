import Foundation
import GRDB
import Synchronization
import TestSupport
import Wire

@testable import UsersService

/// A clock a test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A `UserDirectory` over a fresh `users.sqlite` in its own temporary folder.
struct DirectoryFixture {
    let folder: TemporaryDirectory
    let clock: ManualClock
    let directory: UserDirectory

    init(accessMode: AccessMode = .open, admins: Set<Int64> = [], folder: TemporaryDirectory? = nil, clock: ManualClock = ManualClock())
        throws
    {
        self.folder = try folder ?? TemporaryDirectory(prefix: "users")
        self.clock = clock
        let database = try UsersDatabase.open(path: self.folder.file("users.sqlite"))
        directory = UserDirectory(database: database, accessMode: accessMode, adminTelegramIDs: admins, clock: { clock.now })
    }

    /// Another directory over the same file, as a restarted process with other settings would open it.
    func reopened(accessMode: AccessMode = .open, admins: Set<Int64> = []) throws -> DirectoryFixture {
        try DirectoryFixture(accessMode: accessMode, admins: admins, folder: folder, clock: clock)
    }

    /// Registers `id` with a plain profile.
    @discardableResult
    func register(_ id: Int64, username: String? = nil, first: String? = nil, last: String? = nil, language: String? = nil) async throws
        -> User
    {
        let profile = UserProfile(telegramID: id, username: username, firstName: first, lastName: last, languageCode: language)
        return try await directory.register(profile, actor: "telegram:\(id)").user
    }

    /// Every audit entry, newest first.
    func auditEntries(of id: Int64? = nil) async throws -> [AuditEntry] {
        try await directory.audit(of: id, limit: 200, cursor: nil).entries
    }
}

/// The error a directory call threw, for `#expect(... == .notFound(...))`.
func directoryError(_ work: () async throws -> Void) async -> UserDirectory.Error? {
    do {
        try await work()
        return nil
    } catch let error as UserDirectory.Error {
        return error
    } catch {
        return .storage("unexpected \(error)")
    }
}
