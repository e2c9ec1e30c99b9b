import Foundation
import Gateway
import HTTPTypes
import NIOCore
import TestSupport
import Testing

/// `GET /api/v1/stats` against real users-service and rag-core: exact counts, admins only,
/// 503 when a service behind it is down.
@Suite struct StatsEndToEndTests {
    static let member: Int64 = 51
    static let editor: Int64 = 52
    static let blocked: Int64 = 53
    static let pending: Int64 = 54
    static let secondAdmin: Int64 = 55

    static var adminJSON: HTTPFields { GatewayHarness.admin.merging([.contentType: "application/json"]) }

    static func body(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The counts as the route answers them, or nil when the answer is not a 200 with both parts.
    struct Counts: Equatable, CustomStringConvertible {
        var total: Int
        var byRole: [String: Int]
        var byStatus: [String: Int]
        var seenDay: Int
        var seenWeek: Int
        var knowledgeBases: Int
        var documents: Int

        init(
            total: Int, byRole: [String: Int], byStatus: [String: Int], seenDay: Int, seenWeek: Int, knowledgeBases: Int, documents: Int
        ) {
            self.total = total
            self.byRole = byRole
            self.byStatus = byStatus
            self.seenDay = seenDay
            self.seenWeek = seenWeek
            self.knowledgeBases = knowledgeBases
            self.documents = documents
        }

        init?(_ json: [String: Any]) {
            guard let users = json["users"] as? [String: Any], let bases = json["knowledge_bases"] as? [String: Any],
                let total = users["total"] as? Int, let byRole = users["by_role"] as? [String: Int],
                let byStatus = users["by_status"] as? [String: Int], let seenDay = users["active_last_24h"] as? Int,
                let seenWeek = users["active_last_7d"] as? Int, let knowledgeBases = bases["total"] as? Int,
                let documents = bases["documents"] as? Int
            else { return nil }
            self.init(
                total: total, byRole: byRole, byStatus: byStatus, seenDay: seenDay, seenWeek: seenWeek, knowledgeBases: knowledgeBases,
                documents: documents)
        }

        var description: String {
            "users \(total) \(byRole) \(byStatus) seen \(seenDay)/\(seenWeek); knowledge bases \(knowledgeBases), documents \(documents)"
        }
    }

    static func stats(_ client: TestHTTPClient, headers: HTTPFields = GatewayHarness.admin) async throws -> Counts? {
        try await client.execute(uri: "/api/v1/stats", method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            return Counts(response.json)
        }
    }

    static func register(_ client: TestHTTPClient, _ id: Int64) async throws {
        let profile = #"{"first_name":"User \#(id)"}"#
        try await client.execute(
            uri: "/api/v1/users", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: id, body: profile),
            body: .json(profile)
        ) { response in
            #expect(response.status == .created)
        }
    }

    static func change(_ client: TestHTTPClient, _ id: Int64, _ fields: [String: Any]) async throws {
        try await client.execute(uri: "/api/v1/users/\(id)", method: .patch, headers: Self.adminJSON, body: .json(try Self.body(fields))) {
            response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
        }
    }

    static func createKnowledgeBase(_ client: TestHTTPClient, slug: String) async throws -> Int {
        let create = try Self.body(["slug": slug, "name": slug.capitalized])
        return try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: Self.adminJSON, body: .json(create)) {
            response in
            #expect(response.status == .created)
            return try #require((response.json["knowledge_base"] as? [String: Any])?["id"] as? Int)
        }
    }

    static func addDocument(_ client: TestHTTPClient, to knowledgeBaseID: Int, uri: String) async throws -> Int {
        let document = try Self.body(["title": uri, "source_uri": uri, "text": "The \(uri) notes say the backup runs nightly at 02:00."])
        return try await client.execute(
            uri: "/api/v1/knowledge-bases/\(knowledgeBaseID)/documents", method: .post, headers: Self.adminJSON, body: .json(document)
        ) { response in
            #expect(response.status == .created)
            return try #require((response.json["document"] as? [String: Any])?["id"] as? Int)
        }
    }

    @Test("exact counts of users by role, status and recent activity, and of knowledge bases and documents")
    func exactCounts() async throws {
        let harness = try await GatewayHarness(services: ["users-service", "rag-core"], accessMode: "allowlist")
        try await harness.run { client in
            // Only the configured admin exists, and it has never been seen.
            let initial = try await Self.stats(client)
            #expect(
                initial
                    == Counts(
                        total: 1, byRole: ["admin": 1, "editor": 0, "member": 0], byStatus: ["pending": 0, "active": 1, "blocked": 0],
                        seenDay: 0, seenWeek: 0, knowledgeBases: 0, documents: 0))

            // Five users register (pending under allowlist); the admin token sorts them out.
            for id in [Self.member, Self.editor, Self.blocked, Self.pending, Self.secondAdmin] {
                try await Self.register(client, id)
            }
            try await Self.change(client, Self.member, ["status": "active"])
            try await Self.change(client, Self.editor, ["status": "active", "role": "editor"])
            try await Self.change(client, Self.blocked, ["status": "blocked"])
            try await Self.change(client, Self.secondAdmin, ["status": "active", "role": "admin"])

            // Three knowledge bases: three documents, two, none.
            let alpha = try await Self.createKnowledgeBase(client, slug: "alpha")
            let beta = try await Self.createKnowledgeBase(client, slug: "beta")
            _ = try await Self.createKnowledgeBase(client, slug: "gamma")
            let alphaFirst = try await Self.addDocument(client, to: alpha, uri: "alpha-1.md")
            for (base, uri) in [(alpha, "alpha-2.md"), (alpha, "alpha-3.md"), (beta, "beta-1.md"), (beta, "beta-2.md")] {
                _ = try await Self.addDocument(client, to: base, uri: uri)
            }

            let byRole = ["admin": 2, "editor": 1, "member": 3]
            let byStatus = ["pending": 1, "active": 4, "blocked": 1]
            let sorted = try await Self.stats(client)
            #expect(
                sorted
                    == Counts(total: 6, byRole: byRole, byStatus: byStatus, seenDay: 5, seenWeek: 5, knowledgeBases: 3, documents: 5))

            // An admin user may ask too, and asking makes the configured admin seen.
            let asAdmin = GatewayHarness.signed(.get, "/api/v1/stats", telegramID: GatewayHarness.adminID)
            let askedByAdmin = try await Self.stats(client, headers: asAdmin)
            #expect(
                askedByAdmin
                    == Counts(total: 6, byRole: byRole, byStatus: byStatus, seenDay: 6, seenWeek: 6, knowledgeBases: 3, documents: 5))

            // Counts follow changes: a deleted document, a deleted user.
            try await client.execute(
                uri: "/api/v1/knowledge-bases/\(alpha)/documents/\(alphaFirst)", method: .delete, headers: GatewayHarness.admin
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/users/\(Self.blocked)", method: .delete, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
            }
            let afterDeletes = try await Self.stats(client)
            #expect(
                afterDeletes
                    == Counts(
                        total: 5, byRole: ["admin": 2, "editor": 1, "member": 2], byStatus: ["pending": 1, "active": 4, "blocked": 0],
                        seenDay: 5, seenWeek: 5, knowledgeBases: 3, documents: 4))
        }
    }

    @Test("anonymous callers get 401; members, editors, pending and blocked users get 403 with the reason")
    func adminsOnly() async throws {
        let harness = try await GatewayHarness(services: ["users-service", "rag-core"], accessMode: "allowlist")
        try await harness.run { client in
            for id in [Self.member, Self.editor, Self.blocked, Self.pending] {
                try await Self.register(client, id)
            }
            try await Self.change(client, Self.member, ["status": "active"])
            try await Self.change(client, Self.editor, ["status": "active", "role": "editor"])
            try await Self.change(client, Self.blocked, ["status": "blocked"])

            try await client.execute(uri: "/api/v1/stats", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthorized")
                #expect(response.correlationID != nil)
            }
            let refusals: [(Int64, String)] = [
                (Self.member, "role_too_low"), (Self.editor, "role_too_low"), (Self.pending, "pending"), (Self.blocked, "blocked"),
                (999, "unknown"),
            ]
            for (id, reason) in refusals {
                try await client.execute(
                    uri: "/api/v1/stats", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/stats", telegramID: id)
                ) { response in
                    #expect(response.status == .forbidden, "user \(id)")
                    #expect(response.errorCode == "forbidden", "user \(id)")
                    #expect(response.errorDetails?["reason"] as? String == reason, "user \(id)")
                }
            }
            try await client.execute(uri: "/api/v1/stats", method: .post, headers: GatewayHarness.admin) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }

    @Test("a service behind the route that is down gives the 503 envelope", arguments: ["rag-core", "users-service"])
    func serviceDown(_ service: String) async throws {
        let harness = try await GatewayHarness(services: ["users-service", "rag-core"])
        try await harness.run { client in
            let before = try await Self.stats(client)
            #expect(before != nil)
            await harness.mesh.stop(service, signal: SIGKILL)
            try await client.execute(uri: "/api/v1/stats", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "unavailable")
                #expect(response.correlationID != nil)
            }
        }
    }
}
