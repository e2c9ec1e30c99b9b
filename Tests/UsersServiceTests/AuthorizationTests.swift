import Foundation
import GRDB
import Testing
import Wire

@testable import UsersService

@Suite struct AuthorizationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var action: UserAction
        var role: UserRole
        var status: UserStatus
        var reason: UsersAuthorize.Reason?

        var testDescription: String { "\(action.rawValue) by \(status.rawValue) \(role.rawValue) → \(reason?.rawValue ?? "allowed")" }
    }

    /// Every action for every role and status, with the verdict the product rules give.
    static let matrix: [Case] = UserAction.allCases.flatMap { action in
        UserRole.allCases.flatMap { role in
            UserStatus.allCases.map { status in
                Case(action: action, role: role, status: status, reason: expected(action, role, status))
            }
        }
    }

    /// The rules, written out plainly rather than derived from `AccessPolicy`.
    static func expected(_ action: UserAction, _ role: UserRole, _ status: UserStatus) -> UsersAuthorize.Reason? {
        if action == .readSelf { return nil }
        if status == .blocked { return .blocked }
        if status == .pending { return .pending }
        let allowed: Set<UserRole> =
            switch action {
            case .query: [.member, .editor, .admin]
            case .manageKnowledge, .ingest: [.editor, .admin]
            case .manageUsers, .readLogs: [.admin]
            case .readSelf: [.member, .editor, .admin]
            }
        return allowed.contains(role) ? nil : .roleTooLow
    }

    @Test("each action, role and status gets the product's verdict", arguments: matrix)
    func verdicts(_ verdict: Case) async throws {
        let fixture = try DirectoryFixture(admins: [1])
        try await fixture.directory.assertConfiguredAdmins()
        try await fixture.register(2)
        if verdict.role != .member || verdict.status != .active {
            _ = try await fixture.directory.update(2, UserChanges(role: verdict.role, status: verdict.status), actor: "telegram:1")
        }
        let result = try await fixture.directory.authorize(2, verdict.action)
        #expect(result.allowed == (verdict.reason == nil))
        #expect(result.reason == verdict.reason)
        #expect(result.role == verdict.role)
        #expect(result.status == verdict.status)
    }

    @Test("an unknown user is refused as unknown, for every action", arguments: UserAction.allCases)
    func unknownUser(action: UserAction) async throws {
        let fixture = try DirectoryFixture()
        let result = try await fixture.directory.authorize(77, action)
        #expect(result == UsersAuthorize.Result(allowed: false, reason: .unknown, role: nil, status: nil))
    }

    @Test("last_seen_at moves on authorize, at most once per resolution")
    func lastSeenThrottled() async throws {
        let fixture = try DirectoryFixture()
        let registered = try await fixture.register(5)
        fixture.clock.advance(by: 30)
        _ = try await fixture.directory.authorize(5, .query)
        #expect(try await fixture.directory.user(5).lastSeenAt == registered.lastSeenAt)
        fixture.clock.advance(by: 31)
        _ = try await fixture.directory.authorize(5, .query)
        #expect(try await fixture.directory.user(5).lastSeenAt == fixture.clock.now)
    }

    @Test("authorize reads one row by its primary key")
    func indexedRead() async throws {
        let fixture = try DirectoryFixture()
        let plan = try await fixture.directory.database.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT role, status, last_seen_at FROM user WHERE telegram_id = ?", arguments: [1]
            )
            .map { $0["detail"] as String }
        }
        #expect(plan.count == 1)
        #expect(plan.first?.contains("INTEGER PRIMARY KEY") == true, "\(plan)")
    }

    @Test("authorize is fast in process: 2,000 calls, median under 2 ms")
    func latencyInProcess() async throws {
        let fixture = try DirectoryFixture()
        for id: Int64 in 1...500 { try await fixture.register(id) }
        var samples: [Duration] = []
        let clock = ContinuousClock()
        for index in 0..<2_000 {
            let id = Int64(index % 500) + 1
            let started = clock.now
            _ = try await fixture.directory.authorize(id, .query)
            samples.append(clock.now - started)
        }
        let summary = LatencySummary(samples)
        print("users.authorize in process: \(summary)")
        #expect(summary.p50 < .milliseconds(2), "\(summary)")
    }
}
