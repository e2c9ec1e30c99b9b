import Foundation
import GRDB
import Testing
import Wire

@testable import UsersService

@Suite struct UserRecordCacheTests {
    static func record(_ id: Int64, role: UserRole = .member) -> UserRecord {
        let date = Date(timeIntervalSince1970: 1_750_000_000)
        return UserRecord(
            telegramID: id, role: role, status: .active, preferredKnowledgeBaseID: nil,
            searchText: UserRecord.searchText(username: nil, firstName: nil, lastName: nil),
            createdAt: date, updatedAt: date, lastSeenAt: nil)
    }

    static func ticket(_ lookup: UserRecordCache.Lookup) throws -> UserRecordCache.Ticket {
        guard case .miss(let ticket) = lookup else { throw CacheExpectation.unexpectedHit }
        return ticket
    }

    static func cached(_ lookup: UserRecordCache.Lookup) -> UserRecord? {
        if case .hit(let record) = lookup { return record }
        return nil
    }

    enum CacheExpectation: Error { case unexpectedHit }

    @Test("a user stored after a miss is a hit until a write drops it")
    func storeAndInvalidate() throws {
        let cache = UserRecordCache()
        let ticket = try Self.ticket(cache.lookup(7))
        cache.store(Self.record(7), ticket: ticket)
        #expect(Self.cached(cache.lookup(7)) == Self.record(7))
        cache.invalidate(.user(8))
        #expect(Self.cached(cache.lookup(7)) == Self.record(7), "a write to another user keeps this one")
        cache.invalidate(.user(7))
        #expect(Self.cached(cache.lookup(7)) == nil)
    }

    @Test("a value read before a write ended is not kept after it")
    func staleReadIsNotStored() throws {
        let cache = UserRecordCache()
        let ticket = try Self.ticket(cache.lookup(7))
        // The read took its snapshot, then a write changed the user and ended.
        cache.invalidate(.user(7))
        cache.store(Self.record(7), ticket: ticket)
        #expect(Self.cached(cache.lookup(7)) == nil)
    }

    @Test("everyone is dropped by a write to many users")
    func invalidateEveryone() throws {
        let cache = UserRecordCache()
        for id in Int64(1)...3 { cache.store(Self.record(id), ticket: try Self.ticket(cache.lookup(id))) }
        #expect(cache.count == 3)
        cache.invalidate(.everyone)
        #expect(cache.count == 0)
    }

    @Test("the cache never holds more than its capacity")
    func capacity() throws {
        let cache = UserRecordCache(capacity: 4)
        for id in Int64(1)...10 { cache.store(Self.record(id), ticket: try Self.ticket(cache.lookup(id))) }
        #expect(cache.count == 4)
        #expect(Self.cached(cache.lookup(10)) == Self.record(10), "the newest one is kept")
    }

    @Test("changes through the directory are seen by the very next read")
    func directoryReadsItsWrites() async throws {
        let fixture = try DirectoryFixture(admins: [1])
        try await fixture.register(42)
        #expect(try await fixture.directory.user(42).role == .member)
        #expect(try await fixture.directory.authorize(42, .ingest).reason == .roleTooLow)
        #expect(fixture.directory.cache.count >= 1)

        _ = try await fixture.directory.update(42, UserChanges(role: .editor), actor: "admin:1")
        #expect(try await fixture.directory.user(42).role == .editor)
        #expect(try await fixture.directory.authorize(42, .ingest).reason == nil)

        _ = try await fixture.directory.update(42, UserChanges(status: .blocked), actor: "admin:1")
        #expect(try await fixture.directory.authorize(42, .query).reason == .blocked)

        _ = try await fixture.directory.delete(42, actor: "admin:1")
        #expect(await directoryError { _ = try await fixture.directory.user(42) } == .notFound(telegramID: 42))
        #expect(try await fixture.directory.authorize(42, .query).reason == .unknown)
    }

    @Test("last_seen_at written by authorize is what the next read returns")
    func touchIsSeen() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(42)
        fixture.clock.advance(by: 3600)
        _ = try await fixture.directory.authorize(42, .query)
        let seen = try await fixture.directory.user(42).lastSeenAt
        #expect(seen == fixture.directory.now())
    }

    @Test("reads racing writes end with what the database holds")
    func readsRacingWrites() async throws {
        let fixture = try DirectoryFixture(admins: [1])
        try await fixture.register(42)
        let directory = fixture.directory
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<100 {
                    let role: UserRole = round.isMultiple(of: 2) ? .editor : .member
                    _ = try await directory.update(42, UserChanges(role: role), actor: "admin:1")
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<300 { _ = try await directory.user(42) }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await directory.database.read { db in try UserRecord.fetch(db, telegramID: 42) }
        #expect(try await directory.user(42) == stored?.user)
        #expect(stored?.role == .member, "the last of 100 changes set member")
    }
}
