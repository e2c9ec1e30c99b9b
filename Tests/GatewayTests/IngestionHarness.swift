import Foundation
import Gateway
import HTTPTypes
import HTTPServing
import Logging
import NIOCore
import ServiceSupport
import TestSupport
import Testing

/// The real users-service, rag-core and ingest-service behind a live gateway, set up for
/// ingestion tests: private URLs allowed by default (the tests' web site and git
/// repositories are on this machine), a small upload limit, helpers to upload and wait.
struct IngestionHarness: Sendable {
    let mesh: ServiceMesh
    var configuration: GatewayConfiguration

    init(
        allowPrivateURLs: Bool = true, uploadMaxBytes: Int = 4 << 20, environment: [String: String] = [:],
        rateLimit: RateLimitPolicy = .init(perMinute: 60000, burst: 10000)
    ) async throws {
        var settings = [
            "ADMIN_TELEGRAM_IDS": String(GatewayHarness.adminID), "INGEST_ALLOW_PRIVATE_URLS": String(allowPrivateURLs),
            "INGEST_WORKERS": "2",
        ]
        settings.merge(environment) { _, given in given }
        mesh = try await ServiceMesh(["users-service", "rag-core", "ingest-service"], environment: settings)
        configuration = GatewayConfiguration(
            host: "127.0.0.1", port: 0, layout: MeshLayout(runDirectory: mesh.runDirectory, dataDirectory: mesh.dataDirectory),
            wire: WireSettings(callTimeout: .seconds(10)), adminToken: GatewayHarness.adminToken, botSecret: GatewayHarness.botSecret,
            rateLimit: rateLimit, maxBodyBytes: 64 * 1024, adminTelegramIDs: [GatewayHarness.adminID])
        configuration.uploadMaxBytes = uploadMaxBytes
    }

    func run<Value: Sendable>(_ test: @escaping @Sendable (TestHTTPClient) async throws -> Value) async throws -> Value {
        try await GatewayHarness.live(configuration, test)
    }

    /// The staging folder uploads go to.
    var stagingDirectory: String { (mesh.dataDirectory as NSString).appendingPathComponent("staging") }

    static var adminJSON: HTTPFields { GatewayHarness.admin.merging([.contentType: "application/json"]) }

    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// Creates a knowledge base and returns its id.
    static func knowledgeBase(_ client: TestHTTPClient, slug: String) async throws -> Int {
        try await client.execute(
            uri: "/api/v1/knowledge-bases", method: .post, headers: adminJSON,
            body: try json(["slug": slug, "name": slug, "language": "auto"])
        ) { response in
            #expect(response.status == .created)
            return try #require((response.json["knowledge_base"] as? [String: Any])?["id"] as? Int)
        }
    }

    /// Uploads `data` as a raw body named `name`; returns the task (202).
    static func upload(
        _ client: TestHTTPClient, knowledgeBase: Int, name: String, data: Data, contentType: String = "application/octet-stream"
    ) async throws -> [String: Any] {
        let uri =
            "/api/v1/ingestion/files?knowledge_base=\(knowledgeBase)&filename=\(name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? name)"
        return try await client.execute(
            uri: uri, method: .post, headers: GatewayHarness.admin.merging([.contentType: contentType]), body: ByteBuffer(bytes: data)
        ) { response in
            #expect(response.status == .accepted, "upload of \(name): \(String(buffer: response.body))")
            return response.json
        }
    }

    /// Polls the task until it has ended (or `timeout` passes) and returns it.
    static func waitForEnd(_ client: TestHTTPClient, task: [String: Any], timeout: Duration = .seconds(60)) async throws -> [String:
        Any]
    {
        let id = try #require(task["task_id"] as? Int, "no task_id in \(task)")
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = try await client.execute(uri: "/api/v1/ingestion/tasks/\(id)", method: .get, headers: GatewayHarness.admin) {
                response in
                #expect(response.status == .ok)
                return response.json
            }
            if let state = current["state"] as? String, ["succeeded", "failed", "cancelled"].contains(state) { return current }
            if ContinuousClock.now > deadline {
                Issue.record("task \(id) did not end in time: \(current)")
                return current
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The source URIs `POST /api/v1/rag/query` cites for `question` in `knowledgeBase`.
    static func sources(_ client: TestHTTPClient, _ question: String, knowledgeBase: Int, topK: Int = 5) async throws -> [String] {
        try await client.execute(
            uri: "/api/v1/rag/query", method: .post, headers: adminJSON,
            body: try json(["question": question, "knowledge_base_ids": [knowledgeBase], "top_k": topK])
        ) { response in
            #expect(response.status == .ok, "query: \(String(buffer: response.body))")
            return (response.json["sources"] as? [[String: Any]] ?? []).compactMap { $0["source_uri"] as? String }
        }
    }

    /// Every document of a knowledge base as `source_uri → (chunk_count, content_hash)`.
    static func documents(_ client: TestHTTPClient, knowledgeBase: Int) async throws -> [String: String] {
        var result: [String: String] = [:]
        var cursor: String?
        repeat {
            let uri = "/api/v1/knowledge-bases/\(knowledgeBase)/documents?limit=200" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await client.execute(uri: uri, method: .get, headers: GatewayHarness.admin) { response in response.json }
            for document in page["documents"] as? [[String: Any]] ?? [] {
                if let uri = document["source_uri"] as? String {
                    result[uri] = "\(document["chunk_count"] ?? "?") \(document["content_hash"] ?? "?")"
                }
            }
            cursor = page["next_cursor"] as? String
        } while cursor != nil
        return result
    }

    /// The task's item counts.
    static func items(_ task: [String: Any]) -> [String: Int] {
        (task["items"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
    }
}
