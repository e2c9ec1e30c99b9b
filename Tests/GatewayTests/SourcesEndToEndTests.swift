import Foundation
import Gateway
import HTTPTypes
import NIOCore
import Testing
import TestSupport

/// `GET /api/v1/sources` through the gateway, against real `users-service` and `rag-core`.
@Suite struct SourcesEndToEndTests {
    static let member: Int64 = 41
    static let blocked: Int64 = 42
    static let stranger: Int64 = 43

    static var adminJSON: HTTPFields { GatewayHarness.admin.merging([.contentType: "application/json"]) }

    static func body(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// GET `uri` signed by the bot for `telegramID`; returns status and JSON.
    static func get(_ client: TestHTTPClient, _ uri: String, as telegramID: Int64) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: GatewayHarness.signed(.get, uri, telegramID: telegramID)) { response in
            (response.status, response.json)
        }
    }

    static func uris(_ json: [String: Any]) -> [String] {
        (json["sources"] as? [[String: Any]])?.compactMap { $0["source_uri"] as? String } ?? []
    }

    @Test("members list the sources of every knowledge base, filtered and paged; others are refused")
    func listFilterPageAndRoles() async throws {
        let harness = try await GatewayHarness(services: ["users-service", "rag-core"])
        try await harness.run { client in
            for id in [Self.member, Self.blocked] {
                let profile = #"{"first_name":"Reader"}"#
                try await client.execute(uri: "/api/v1/users", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: id, body: profile), body: .json(profile)) { response in
                    #expect(response.status == .created)
                }
            }
            let block = #"{"status":"blocked"}"#
            try await client.execute(uri: "/api/v1/users/\(Self.blocked)", method: .patch, headers: Self.adminJSON, body: .json(block)) { response in
                #expect(response.status == .ok)
            }

            // Two knowledge bases, two documents each, in this id order.
            var kbIDs: [String: Int] = [:]
            for (slug, name) in [("handbook", "Handbook"), ("ops", "Operations")] {
                let create = try Self.body(["slug": slug, "name": name])
                kbIDs[slug] = try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: Self.adminJSON, body: .json(create)) { response in
                    #expect(response.status == .created)
                    return try #require((response.json["knowledge_base"] as? [String: Any])?["id"] as? Int)
                }
            }
            let handbook = try #require(kbIDs["handbook"]), ops = try #require(kbIDs["ops"])
            let documents: [(Int, String, String, String)] = [
                (handbook, "Настройка Сервера", "server.md", "Настройки сервера хранятся в файле /etc/app/server.conf."),
                (handbook, "Installation", "install.md", "Download the package and run the installer as root."),
                (ops, "Backups", "backup.md", "Back up the databases every night with the online backup."),
                (ops, "Server monitoring", "monitoring.md", "Watch the health endpoint and the metrics page."),
            ]
            for (kb, title, uri, text) in documents {
                let document = try Self.body(["title": title, "source_uri": uri, "text": text, "deep_link": "https://docs.example/\(uri)", "mime": "text/markdown"])
                try await client.execute(uri: "/api/v1/knowledge-bases/\(kb)/documents", method: .post, headers: Self.adminJSON, body: .json(document)) { response in
                    #expect(response.status == .created)
                }
            }

            // Everything, with the knowledge base named on each source.
            let (status, all) = try await Self.get(client, "/api/v1/sources", as: Self.member)
            #expect(status == .ok)
            #expect(Self.uris(all) == ["server.md", "install.md", "backup.md", "monitoring.md"])
            #expect(all["next_cursor"] == nil)
            let first = try #require((all["sources"] as? [[String: Any]])?.first)
            #expect(first["document_id"] as? Int != nil)
            #expect(first["knowledge_base_id"] as? Int == handbook)
            #expect(first["knowledge_base_slug"] as? String == "handbook")
            #expect(first["knowledge_base_name"] as? String == "Handbook")
            #expect(first["title"] as? String == "Настройка Сервера")
            #expect(first["deep_link"] as? String == "https://docs.example/server.md")
            #expect(first["mime"] as? String == "text/markdown")
            #expect((first["size"] as? Int ?? 0) > 0)
            #expect(first["chunk_count"] as? Int == 1)
            #expect(first["updated_at"] as? String != nil)
            #expect(first["content_hash"] == nil, "a source is not the whole document record")

            // One knowledge base, or several (repeated or comma-separated).
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?knowledge_base=\(ops)", as: Self.member).1) == ["backup.md", "monitoring.md"])
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?knowledge_base=\(ops),\(handbook)", as: Self.member).1).count == 4)
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?knowledge_base=\(handbook)&knowledge_base=\(ops)", as: Self.member).1).count == 4)

            // A substring of the title or the source URI, ignoring case, Cyrillic too.
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?q=SERVER", as: Self.member).1) == ["server.md", "monitoring.md"])
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?q=%D1%81%D0%B5%D1%80%D0%B2%D0%B5%D1%80", as: Self.member).1) == ["server.md"])
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?q=server&knowledge_base=\(ops)", as: Self.member).1) == ["monitoring.md"])
            #expect(Self.uris(try await Self.get(client, "/api/v1/sources?q=nothing-like-this", as: Self.member).1).isEmpty)

            // Pages: the cursor continues where the first page stopped.
            let (_, page1) = try await Self.get(client, "/api/v1/sources?limit=3", as: Self.member)
            #expect(Self.uris(page1) == ["server.md", "install.md", "backup.md"])
            let cursor = try #require(page1["next_cursor"] as? String)
            let (_, page2) = try await Self.get(client, "/api/v1/sources?limit=3&cursor=\(cursor)", as: Self.member)
            #expect(Self.uris(page2) == ["monitoring.md"])
            #expect(page2["next_cursor"] == nil)

            // Bad filters.
            let (unknownStatus, unknown) = try await Self.get(client, "/api/v1/sources?knowledge_base=\(ops),999", as: Self.member)
            #expect(unknownStatus == .notFound)
            #expect(((unknown["error"] as? [String: Any])?["details"] as? [String: Any])?["knowledge_base_id"] as? Int == 999)
            #expect(try await Self.get(client, "/api/v1/sources?knowledge_base=ops", as: Self.member).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/sources?limit=0", as: Self.member).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/sources?cursor=not-a-cursor", as: Self.member).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/sources?q=\(String(repeating: "x", count: 201))", as: Self.member).0 == .badRequest)

            // The role boundary: the same rule as asking a question.
            try await client.execute(uri: "/api/v1/sources", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            let (blockedStatus, blockedJSON) = try await Self.get(client, "/api/v1/sources", as: Self.blocked)
            #expect(blockedStatus == .forbidden)
            #expect(((blockedJSON["error"] as? [String: Any])?["details"] as? [String: Any])?["reason"] as? String == "blocked")
            let (strangerStatus, strangerJSON) = try await Self.get(client, "/api/v1/sources", as: Self.stranger)
            #expect(strangerStatus == .forbidden)
            #expect(((strangerJSON["error"] as? [String: Any])?["details"] as? [String: Any])?["reason"] as? String == "unknown")
            try await client.execute(uri: "/api/v1/sources?knowledge_base=\(handbook)", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
                #expect(Self.uris(response.json) == ["server.md", "install.md"])
            }
        }
    }
}
