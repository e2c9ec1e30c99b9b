import Foundation
import Testing
import Wire

@testable import UsersService

@Suite struct QueryTests {
    @Test("list filters by role and status, and searches names ignoring case, Cyrillic too")
    func filters() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(1, username: "alice", first: "Alice", last: "Smith")
        try await fixture.register(2, username: "bob", first: "Боб", last: "Иванов")
        try await fixture.register(3, first: "Carol", last: "Alison")
        _ = try await fixture.directory.update(2, UserChanges(role: .editor), actor: "a")
        _ = try await fixture.directory.update(3, UserChanges(status: .blocked), actor: "a")

        func ids(_ filter: UserFilter) async throws -> [Int64] {
            try await fixture.directory.list(filter, limit: nil, cursor: nil).users.map(\.telegramID)
        }
        #expect(try await ids(UserFilter()) == [1, 2, 3])
        #expect(try await ids(UserFilter(role: .editor)) == [2])
        #expect(try await ids(UserFilter(status: .blocked)) == [3])
        #expect(try await ids(UserFilter(role: .member, status: .active)) == [1])
        #expect(try await ids(UserFilter(search: "ALI")) == [1, 3])
        #expect(try await ids(UserFilter(search: "@bob")) == [2])
        #expect(try await ids(UserFilter(search: "иван")) == [2])
        #expect(try await ids(UserFilter(search: "%")) == [])
        #expect(try await ids(UserFilter(search: "  ")) == [1, 2, 3])
        // A search may span first and last name, never the username and a name.
        #expect(try await ids(UserFilter(search: "alice smith")) == [1])
        #expect(try await ids(UserFilter(search: "Alice\nSmith")) == [1])
        #expect(try await ids(UserFilter(search: "bob боб")) == [])
        #expect(try await ids(UserFilter(search: "cesmi")) == [])
    }

    @Test("list pages through every user exactly once with the cursor")
    func listPagination() async throws {
        let fixture = try DirectoryFixture()
        for id: Int64 in (1...23).reversed() { try await fixture.register(id * 10) }
        var seen: [Int64] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await fixture.directory.list(UserFilter(), limit: 5, cursor: cursor)
            #expect(page.users.count <= 5)
            seen += page.users.map(\.telegramID)
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 5)
        #expect(seen == (1...23).map { Int64($0) * 10 })
        // A page that ends exactly at the last user has no next cursor.
        #expect(try await fixture.directory.list(UserFilter(), limit: 23, cursor: nil).next == nil)
    }

    @Test(
        "limit outside 1…200 and foreign cursors are refused naming the field",
        arguments: [
            (0, nil, "limit"), (201, nil, "limit"), (nil, "not-a-cursor", "cursor"),
            (nil, PageCursor(listing: .audit, after: 5).token, "cursor"),
        ] as [(Int?, String?, String)])
    func badPaging(limit: Int?, cursor: String?, field: String) async throws {
        let fixture = try DirectoryFixture()
        let error = await directoryError { _ = try await fixture.directory.list(UserFilter(), limit: limit, cursor: cursor) }
        #expect(error?.wireError.code == .badRequest)
        #expect(error?.wireError.details?["field"] == .string("params.\(field)"))
    }

    @Test("a cursor survives its round trip as an opaque token")
    func cursorRoundTrip() throws {
        let cursor = PageCursor(listing: .users, after: 1_234_567_890_123)
        #expect(!cursor.token.contains("1234567890123"))
        #expect(try PageCursor(token: cursor.token, listing: .users) == cursor)
    }

    @Test("audit lists newest first, for one user or all, page by page")
    func auditPages() async throws {
        let fixture = try DirectoryFixture()
        try await fixture.register(1)
        try await fixture.register(2)
        for role in [UserRole.editor, .member, .editor] {
            fixture.clock.advance(by: 1)
            _ = try await fixture.directory.update(1, UserChanges(role: role), actor: "admin-token")
        }
        let all = try await fixture.auditEntries()
        #expect(all.count == 7)
        #expect(all.map(\.id) == all.map(\.id).sorted(by: >))
        let mine = try await fixture.auditEntries(of: 1)
        #expect(mine.count == 5)
        #expect(mine.prefix(3).map(\.newValue) == ["editor", "member", "editor"])

        let first = try await fixture.directory.audit(of: 1, limit: 2, cursor: nil)
        let second = try await fixture.directory.audit(of: 1, limit: 2, cursor: first.next)
        let third = try await fixture.directory.audit(of: 1, limit: 2, cursor: second.next)
        #expect((first.entries + second.entries + third.entries) == mine)
        #expect(third.next == nil)
        let foreign = await directoryError {
            _ = try await fixture.directory.audit(of: nil, limit: nil, cursor: PageCursor(listing: .users, after: 1).token)
        }
        #expect(foreign?.wireError.details?["field"] == "params.cursor")
    }

    @Test("stats count by role and status and by how recently users were seen")
    func stats() async throws {
        let fixture = try DirectoryFixture(accessMode: .allowlist, admins: [1])
        try await fixture.directory.assertConfiguredAdmins()
        try await fixture.register(2)
        fixture.clock.advance(by: 3 * 86_400)
        try await fixture.register(3)
        _ = try await fixture.directory.update(3, UserChanges(role: .editor, status: .active), actor: "telegram:1")
        fixture.clock.advance(by: 2 * 3_600)
        try await fixture.register(4)
        _ = try await fixture.directory.update(4, UserChanges(status: .blocked), actor: "telegram:1")
        fixture.clock.advance(by: 23 * 3_600)

        let stats = try await fixture.directory.stats()
        #expect(stats.total == 4)
        #expect(stats.byRole == [.admin: 1, .editor: 1, .member: 2])
        #expect(stats.byStatus == [.active: 2, .pending: 1, .blocked: 1])
        // Seen 1 h ago: 4; 25 h ago: 3; 4 days ago: 2; never: 1 (the configured admin).
        #expect(stats.activeLast24h == 1)
        #expect(stats.activeLast7d == 3)
    }

    @Test("stats of an empty directory list every role and status as zero")
    func emptyStats() async throws {
        let fixture = try DirectoryFixture()
        let stats = try await fixture.directory.stats()
        #expect(
            stats
                == UsersStats.Result(
                    total: 0, byRole: [.admin: 0, .editor: 0, .member: 0], byStatus: [.pending: 0, .active: 0, .blocked: 0],
                    activeLast24h: 0, activeLast7d: 0
                ))
    }
}
