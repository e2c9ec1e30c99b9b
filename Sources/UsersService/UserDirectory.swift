import Foundation
import GRDB
import SQLiteStorage
import Wire

/// The bot's users and the rules about them: who starts with which role and status, who
/// may change what, and the audit of every role or status change.
///
/// State lives in the `DatabasePool`; the directory itself is a plain value that any task
/// may use. Every change and its audit entries commit in one transaction. Single users are
/// read through `cache`, which every write keeps exact (see `UserRecordCache`).
struct UserDirectory: Sendable {
    let database: DatabasePool
    let cache: UserRecordCache
    /// The status a new user starts with comes from here.
    let accessMode: AccessMode
    /// `ADMIN_TELEGRAM_IDS`: always `admin`/`active`.
    let adminTelegramIDs: Set<Int64>
    /// `last_seen_at` is rewritten only when it is older than this, so that
    /// `users.authorize` stays a read nearly every time.
    let lastSeenResolution: TimeInterval
    private let clock: @Sendable () -> Date

    /// The actor recorded for changes made because of `ADMIN_TELEGRAM_IDS`.
    static let configurationActor = "config"

    init(
        database: DatabasePool,
        accessMode: AccessMode,
        adminTelegramIDs: Set<Int64>,
        lastSeenResolution: TimeInterval = 60,
        cache: UserRecordCache = UserRecordCache(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.cache = cache
        self.accessMode = accessMode
        self.adminTelegramIDs = adminTelegramIDs
        self.lastSeenResolution = lastSeenResolution
        self.clock = clock
    }

    /// Now, to the whole second: the precision the Wire contracts carry, so a user read back
    /// from the database or over a socket equals the one returned when it was written.
    func now() -> Date {
        Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down))
    }

    /// The user with `telegramID`.
    func user(_ telegramID: Int64) async throws(Error) -> User {
        try Validation.telegramID(telegramID)
        guard let record = try await record(telegramID) else { throw .notFound(telegramID: telegramID) }
        return record.user
    }

    /// The stored user with `telegramID`, from the cache when it is there.
    func record(_ telegramID: Int64) async throws(Error) -> UserRecord? {
        switch cache.lookup(telegramID) {
        case .hit(let record):
            return record
        case .miss(let ticket):
            let record = try await read { db in try UserRecord.fetch(db, telegramID: telegramID) }
            if let record { cache.store(record, ticket: ticket) }
            return record
        }
    }

    /// Records a user who sent `/start`, or refreshes the profile of one already known.
    ///
    /// A new user starts `admin`/`active` when configured as admin, else `member` and
    /// `active` or `pending` by the access mode. A configured admin is re-asserted on every
    /// call. `language_code` only fills an empty one: a language chosen later stays.
    /// - Parameter actor: who to name in the audit of a new user's role and status.
    func register(_ profile: UserProfile, actor: String) async throws(Error) -> (user: User, created: Bool) {
        let profile = try profile.validated()
        let now = now()
        let isConfiguredAdmin = adminTelegramIDs.contains(profile.telegramID)
        let accessMode = self.accessMode
        return try await write(changing: .user(profile.telegramID)) { db in
            if var record = try UserRecord.fetch(db, telegramID: profile.telegramID) {
                record.username = profile.username
                record.firstName = profile.firstName
                record.lastName = profile.lastName
                record.languageCode = record.languageCode ?? profile.languageCode
                record.refreshSearchText()
                record.lastSeenAt = now
                record.updatedAt = now
                if isConfiguredAdmin {
                    try Self.assertAdmin(&record, db: db, at: now)
                }
                try record.update(db)
                return (record.user, false)
            }
            var record = UserRecord(
                telegramID: profile.telegramID,
                username: profile.username,
                firstName: profile.firstName,
                lastName: profile.lastName,
                languageCode: profile.languageCode,
                role: isConfiguredAdmin ? .admin : .member,
                status: isConfiguredAdmin || accessMode == .open ? .active : .pending,
                preferredKnowledgeBaseID: nil,
                searchText: "",
                createdAt: now,
                updatedAt: now,
                lastSeenAt: now
            )
            record.refreshSearchText()
            try record.insert(db)
            let creator = isConfiguredAdmin ? Self.configurationActor : actor
            try Self.audit(db, record.telegramID, .role, from: nil, to: record.role.rawValue, by: creator, at: now)
            try Self.audit(db, record.telegramID, .status, from: nil, to: record.status.rawValue, by: creator, at: now)
            return (record.user, true)
        }
    }

    /// Makes every id in `ADMIN_TELEGRAM_IDS` an active admin, creating the ones never seen
    /// (so they can sign in before they ever write to the bot). Run on start.
    func assertConfiguredAdmins() async throws(Error) {
        let ids = adminTelegramIDs.sorted()
        let now = now()
        try await write(changing: .everyone) { db in
            for id in ids {
                if var record = try UserRecord.fetch(db, telegramID: id) {
                    if record.role != .admin || record.status != .active {
                        try Self.assertAdmin(&record, db: db, at: now)
                        try record.update(db)
                    }
                    continue
                }
                let record = UserRecord(
                    telegramID: id, role: .admin, status: .active, preferredKnowledgeBaseID: nil,
                    searchText: UserRecord.searchText(username: nil, firstName: nil, lastName: nil),
                    createdAt: now, updatedAt: now, lastSeenAt: nil
                )
                try record.insert(db)
                try Self.audit(db, id, .role, from: nil, to: UserRole.admin.rawValue, by: Self.configurationActor, at: now)
                try Self.audit(db, id, .status, from: nil, to: UserStatus.active.rawValue, by: Self.configurationActor, at: now)
            }
        }
    }

    /// Sets `record` to `admin`/`active`, auditing what changed. The caller saves it.
    private static func assertAdmin(_ record: inout UserRecord, db: Database, at now: Date) throws {
        if record.role != .admin {
            try audit(
                db, record.telegramID, .role, from: record.role.rawValue, to: UserRole.admin.rawValue, by: configurationActor, at: now)
            record.role = .admin
        }
        if record.status != .active {
            try audit(
                db, record.telegramID, .status, from: record.status.rawValue, to: UserStatus.active.rawValue, by: configurationActor,
                at: now)
            record.status = .active
        }
        record.updatedAt = now
    }

    /// Appends one audit entry, inside the caller's transaction.
    static func audit(
        _ db: Database, _ telegramID: Int64, _ field: AuditEntry.Field, from old: String?, to new: String?, by actor: String, at now: Date
    ) throws {
        var entry = AuditRecord(id: nil, telegramID: telegramID, actor: actor, field: field, oldValue: old, newValue: new, at: now)
        try entry.insert(db)
    }

    /// Runs `work` in a write transaction; a `UserDirectory.Error` it throws rolls it back
    /// and comes out as is, any other failure as `storage`. Once the transaction has ended,
    /// committed or not, the cache forgets the users in `scope`.
    func write<T: Sendable>(changing scope: UserRecordCache.Scope, _ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        defer { cache.invalidate(scope) }
        return try await database.writeTransaction(failingAs: Error.self, work)
    }

    /// Runs `work` in a read transaction, concurrently with other reads and the writer.
    func read<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws(Error) -> T {
        try await database.readTransaction(failingAs: Error.self, work)
    }
}
