import Foundation
import Gateway
import HTTPTypes
import NIOCore
import Testing
import TestSupport

/// Knowledge bases, documents and questions through the gateway, against real executables.
@Suite struct KnowledgeEndToEndTests {
    static let member: Int64 = 31

    static var adminJSON: HTTPFields { GatewayHarness.admin.merging([.contentType: "application/json"]) }

    static func body(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static let serverGuide = """
        # Сервер

        Настройки сервера хранятся в файле /etc/app/server.conf. После изменения настроек перезапустите сервер.

        Порт сервера по умолчанию 8080.
        """

    static let installGuide = """
        # Install

        ## Linux

        To install the agent on Linux, download the package and run the installer as root.

        The installer registers a systemd service that starts on boot.
        """

    @Test("create a knowledge base, put documents, ask in Russian and English")
    func knowledgeBaseQuestionsAndLogs() async throws {
        let harness = try await GatewayHarness(services: ["users-service", "rag-core"])
        try await harness.run { client in
            // A member registers; members may not create knowledge bases.
            let profile = #"{"first_name":"Member"}"#
            try await client.execute(uri: "/api/v1/users", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: Self.member, body: profile), body: .json(profile)) { response in
                #expect(response.status == .created)
            }
            let create = try Self.body(["slug": "handbook", "name": "Handbook", "language": "auto"])
            try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/knowledge-bases", telegramID: Self.member, body: create), body: .json(create)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "role_too_low")
            }
            let kbID = try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: Self.adminJSON, body: .json(create)) { response in
                #expect(response.status == .created)
                let knowledgeBase = response.json["knowledge_base"] as? [String: Any]
                #expect(knowledgeBase?["created_by"] as? String == "admin-token")
                return try #require(knowledgeBase?["id"] as? Int)
            }
            try await client.execute(uri: "/api/v1/knowledge-bases", method: .post, headers: Self.adminJSON, body: .json(create)) { response in
                #expect(response.status == .conflict)
            }

            // Documents by hand, chunked by paragraphs with Markdown headings.
            let documents = "/api/v1/knowledge-bases/\(kbID)/documents"
            var documentIDs: [Int] = []
            for (title, uri, text) in [("Настройка сервера", "server.md", Self.serverGuide), ("Installation", "install.md", Self.installGuide)] {
                let document = try Self.body(["title": title, "source_uri": uri, "text": text, "deep_link": "https://docs.example/\(uri)"])
                let id = try await client.execute(uri: documents, method: .post, headers: Self.adminJSON, body: .json(document)) { response in
                    #expect(response.status == .created)
                    #expect(response.json["status"] as? String == "created")
                    return try #require((response.json["document"] as? [String: Any])?["id"] as? Int)
                }
                documentIDs.append(id)
                try await client.execute(uri: documents, method: .post, headers: Self.adminJSON, body: .json(document)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["status"] as? String == "unchanged")
                }
            }
            try await client.execute(uri: documents, method: .get, headers: GatewayHarness.signed(.get, documents, telegramID: Self.member)) { response in
                #expect(response.status == .ok)
                #expect((response.json["documents"] as? [[String: Any]])?.compactMap { $0["source_uri"] as? String } == ["server.md", "install.md"])
            }

            // Questions from the member, in Russian and English.
            let russian = try Self.body(["question": "Где хранятся настройки серверов?", "knowledge_base_ids": [kbID]])
            let logID = try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/rag/query", telegramID: Self.member, body: russian), body: .json(russian)) { response in
                #expect(response.status == .ok)
                #expect(response.json["answer_kind"] as? String == "extractive")
                let answer = try #require(response.json["answer"] as? String)
                #expect(answer.contains("/etc/app/server.conf") && answer.contains("[1]"))
                let source = try #require((response.json["sources"] as? [[String: Any]])?.first)
                #expect(source["title"] as? String == "Настройка сервера")
                #expect(source["heading_path"] as? [String] == ["Сервер"])
                #expect(source["deep_link"] as? String == "https://docs.example/server.md")
                return try #require(response.json["log_id"] as? Int)
            }
            let english = try Self.body(["question": "How do I install the agent on Linux?"])
            try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/rag/query", telegramID: Self.member, body: english), body: .json(english)) { response in
                #expect(response.status == .ok)
                #expect(response.json["answer_kind"] as? String == "extractive")
                #expect((response.json["answer"] as? String)?.hasPrefix("To install the agent on Linux") == true)
                let source = try #require((response.json["sources"] as? [[String: Any]])?.first)
                #expect(source["heading_path"] as? [String] == ["Install", "Linux"])
            }
            let syntax = try Self.body(["question": #"" ( ) AND * - ""#])
            try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/rag/query", telegramID: Self.member, body: syntax), body: .json(syntax)) { response in
                #expect(response.status == .ok)
                #expect(response.json["answer_kind"] as? String == "no_answer")
                #expect((response.json["sources"] as? [Any])?.isEmpty == true)
            }
            let badTopK = try Self.body(["question": "server", "top_k": 0])
            try await client.execute(uri: "/api/v1/rag/query", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/rag/query", telegramID: Self.member, body: badTopK), body: .json(badTopK)) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorDetails?["field"] as? String == "params.top_k")
            }

            // No LLM configured: ai.query says which setting is missing.
            let prompt = #"{"prompt":"Say hello"}"#
            try await client.execute(uri: "/api/v1/ai/query", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/ai/query", telegramID: Self.member, body: prompt), body: .json(prompt)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "unavailable")
                #expect((response.json["error"] as? [String: Any])?["message"] as? String == "no LLM is configured: set LLM_BASE_URL (and LLM_MODEL) to an OpenAI-compatible endpoint")
            }

            // Feedback by the asker; the log is for admins only.
            let feedback = try Self.body(["log_id": logID, "helpful": true, "comment": "спасибо"])
            try await client.execute(uri: "/api/v1/rag/feedback", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/rag/feedback", telegramID: Self.member, body: feedback), body: .json(feedback)) { response in
                #expect(response.status == .ok)
                #expect((response.json["entry"] as? [String: Any])?["helpful"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/logs", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/logs", telegramID: Self.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/logs?telegram_id=\(Self.member)&limit=10", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
                let entries = try #require(response.json["entries"] as? [[String: Any]])
                #expect(entries.count == 3)
                #expect(entries.last?["helpful"] as? Bool == true)
                #expect(entries.last?["question"] as? String == "Где хранятся настройки серверов?")
            }

            // Deleting a document, then the knowledge base.
            try await client.execute(uri: "\(documents)/\(documentIDs[0])", method: .delete, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "\(documents)/\(documentIDs[0])", method: .delete, headers: GatewayHarness.admin) { response in
                #expect(response.status == .notFound)
            }
            let patch = try Self.body(["name": "Renamed"])
            try await client.execute(uri: "/api/v1/knowledge-bases/\(kbID)", method: .patch, headers: Self.adminJSON, body: .json(patch)) { response in
                #expect(response.status == .ok)
                #expect(response.json["changed"] as? [String] == ["name"])
            }
            try await client.execute(uri: "/api/v1/knowledge-bases/\(kbID)", method: .delete, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/knowledge-bases/\(kbID)", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }
}
