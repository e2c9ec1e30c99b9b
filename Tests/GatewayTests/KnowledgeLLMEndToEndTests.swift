import Foundation
import Gateway
import HTTPTypes
import HTTPServing
import Logging
import NIOCore
import ServiceSupport
import Testing
import TestSupport

/// `rag-core` with an OpenAI-compatible LLM configured: a stub on 127.0.0.1 started here.
@Suite struct KnowledgeLLMEndToEndTests {
    static let stubReply = "The agent is installed by the installer, run as root [1]."

    /// Runs a chat-completions stub until `body` returns; `body` gets its base URL and a
    /// handle that stops it early.
    static func withStub(_ body: @Sendable (String, @escaping @Sendable () async -> Void) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/chat/completions") { _, _ -> Response in
            let object: [String: Any] = ["choices": [["index": 0, "message": ["role": "assistant", "content": stubReply]]]]
            let data = try JSONSerialization.data(withJSONObject: object)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: data))
        }
        let server = try await LocalHTTPServer.start(router, name: "llm-stub")
        try await body(server.baseURL + "/v1") { await server.stop() }
        await server.stop()
    }

    @Test("answers come from the LLM stub; with the stub down the built-in answer comes back flagged")
    func llmAnswersAndFallback() async throws {
        try await Self.withStub { baseURL, stopStub in
            let mesh = try await ServiceMesh(
                ["users-service", "rag-core"],
                environment: [
                    "ADMIN_TELEGRAM_IDS": String(GatewayHarness.adminID), "LLM_BASE_URL": baseURL, "LLM_MODEL": "stub-model",
                    "LLM_TIMEOUT_MS": "800",
                ])
            let configuration = GatewayConfiguration(
                layout: MeshLayout(runDirectory: mesh.runDirectory, dataDirectory: mesh.dataDirectory), wire: WireSettings(callTimeout: .seconds(3)),
                adminToken: GatewayHarness.adminToken, botSecret: GatewayHarness.botSecret, adminTelegramIDs: [GatewayHarness.adminID])
            try await GatewayHarness.live(configuration) { client in
                let create = #"{"slug":"docs","name":"Docs"}"#
                let kbID = try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: KnowledgeEndToEndTests.adminJSON, body: .json(create)) { response in
                    try #require((response.json["knowledge_base"] as? [String: Any])?["id"] as? Int)
                }
                let document = try KnowledgeEndToEndTests.body(["title": "Installation", "source_uri": "install.md", "text": KnowledgeEndToEndTests.installGuide])
                try await client.execute(uri: "/api/v1/knowledge-bases/\(kbID)/documents", method: .post, headers: KnowledgeEndToEndTests.adminJSON, body: .json(document)) { response in
                    #expect(response.status == .created)
                }
                let question = #"{"question":"How do I install the agent on Linux?"}"#
                try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: KnowledgeEndToEndTests.adminJSON, body: .json(question)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["answer_kind"] as? String == "llm")
                    #expect(response.json["answer"] as? String == Self.stubReply)
                    #expect((response.json["sources"] as? [[String: Any]])?.first?["title"] as? String == "Installation")
                }
                let prompt = #"{"prompt":"Say hello"}"#
                try await client.execute(uri: "/api/v1/ai/query", method: .post, headers: KnowledgeEndToEndTests.adminJSON, body: .json(prompt)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["answer"] as? String == Self.stubReply)
                    #expect(response.json["model"] as? String == "stub-model")
                }

                await stopStub()
                try await Task.sleep(for: .milliseconds(300))
                try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: KnowledgeEndToEndTests.adminJSON, body: .json(question)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["answer_kind"] as? String == "llm_fallback")
                    #expect((response.json["answer"] as? String)?.hasPrefix("To install the agent on Linux") == true)
                }
            }
        }
    }
}
