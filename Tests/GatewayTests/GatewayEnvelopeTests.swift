import Foundation
import HTTPTypes
import NIOCore
import Testing
import TestSupport

/// Every non-2xx answer is the error envelope and carries the correlation id.
@Suite struct GatewayEnvelopeTests {
    @Test("health reports every service, and the envelope covers 404, 405, 400, 422, 413")
    func envelopes() async throws {
        let harness = try await GatewayHarness()
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect((response.json["services"] as? [String: Any])?.count == 3)
                #expect(response.requestID?.hasPrefix("gw-") == true)
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
                #expect(response.correlationID == "abc-123")
                #expect(response.requestID == "abc-123")
            }
            try await client.execute(uri: "/api/v1/health", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.errorCode == "method_not_allowed")
                #expect(response.headers[.allow] == "GET")
            }
            var headers = GatewayHarness.admin
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/api/v1/users", method: .post, headers: headers, body: .json("{not json")) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "bad_request")
            }
            try await client.execute(uri: "/api/v1/users/5", method: .patch, headers: headers, body: .json(#"{"role":"emperor"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorCode == "unprocessable")
                #expect(response.errorDetails?["field"] as? String == "role")
            }
            let big = String(repeating: "x", count: 70 * 1024)
            try await client.execute(uri: "/api/v1/users", method: .post, headers: headers, body: .json(#"{"username":"\#(big)"}"#)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorCode == "too_large")
            }
            try await client.execute(uri: "/api/v1/users/not-a-number", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorDetails?["field"] as? String == "telegram_id")
            }
        }
    }

    @Test("correlation ids: sane ones are kept, others replaced, Telegram update ids become upd-<id>")
    func correlationIDs() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id with spaces"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.requestID?.hasPrefix("gw-") == true)
                #expect(response.correlationID == response.requestID)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [HTTPField.Name("X-Telegram-Update-Id")!: "987654"]) { response in
                #expect(response.requestID == "upd-987654")
            }
            let long = String(repeating: "a", count: 129)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [HTTPField.Name("X-Request-Id")!: long]) { response in
                #expect(response.requestID != long)
            }
        }
    }

    @Test("the correlation id reaches the service's log lines")
    func correlationIDInServiceLogs() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/users/424242", method: .get, headers: GatewayHarness.admin.merging([HTTPField.Name("X-Request-Id")!: "trace-me-42"])) { response in
                #expect(response.status == .notFound)
                #expect(response.correlationID == "trace-me-42")
            }
        }
        let lines = try #require(harness.mesh.processes["users-service"]).logLines()
        #expect(lines.contains { $0.contains(#""correlation_id":"trace-me-42""#) })
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}
