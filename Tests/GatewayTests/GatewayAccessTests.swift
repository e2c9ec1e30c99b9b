import Foundation
import Gateway
import HTTPTypes
import NIOCore
import Testing
import TestSupport

/// Roles and statuses hold on every route; the limiter answers 429 exactly when a bucket is empty.
@Suite struct GatewayAccessTests {
    private static func register(_ client: TestHTTPClient, _ id: Int64) async throws {
        let body = #"{"first_name":"User \#(id)"}"#
        try await client.execute(uri: "/api/v1/users", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: id, body: body), body: .json(body)) { response in
            #expect(response.status == .created || response.status == .ok)
        }
    }

    @Test("members query, admins manage users; pending and blocked users are told why")
    func roleBoundaries() async throws {
        let harness = try await GatewayHarness(services: ["users-service"], accessMode: "allowlist")
        try await harness.run { client in
            try await Self.register(client, GatewayHarness.adminID)
            try await Self.register(client, 21)
            // Pending under allowlist: may see itself, nothing else.
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 21)) { response in
                #expect(response.status == .ok)
                #expect((response.json["user"] as? [String: Any])?["status"] as? String == "pending")
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/users", telegramID: 21)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "pending")
            }
            // The configured admin approves it.
            let approve = #"{"status":"active"}"#
            try await client.execute(uri: "/api/v1/users/21", method: .patch, headers: GatewayHarness.signed(.patch, "/api/v1/users/21", telegramID: GatewayHarness.adminID, body: approve), body: .json(approve)) { response in
                #expect(response.status == .ok)
            }
            // An active member still cannot manage users.
            try await client.execute(uri: "/api/v1/users?status=active", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/users?status=active", telegramID: 21)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "role_too_low")
            }
            // …nor promote itself, though it may set its own language.
            let promote = #"{"role":"admin"}"#
            try await client.execute(uri: "/api/v1/users/21", method: .patch, headers: GatewayHarness.signed(.patch, "/api/v1/users/21", telegramID: 21, body: promote), body: .json(promote)) { response in
                #expect(response.status == .forbidden)
            }
            let language = #"{"language_code":"en"}"#
            try await client.execute(uri: "/api/v1/users/21", method: .patch, headers: GatewayHarness.signed(.patch, "/api/v1/users/21", telegramID: 21, body: language), body: .json(language)) { response in
                #expect(response.status == .ok)
            }
            // The admin lists, reads the audit, blocks.
            try await client.execute(uri: "/api/v1/users?limit=10", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/users?limit=10", telegramID: GatewayHarness.adminID)) { response in
                #expect(response.status == .ok)
                #expect((response.json["users"] as? [Any])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/users/21/audit", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
                #expect(((response.json["entries"] as? [Any])?.count ?? 0) >= 1)
            }
            let block = #"{"status":"blocked"}"#
            try await client.execute(uri: "/api/v1/users/21", method: .patch, headers: GatewayHarness.admin.merging([.contentType: "application/json"]), body: .json(block)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/users/\(GatewayHarness.adminID)", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/users/\(GatewayHarness.adminID)", telegramID: 21)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "blocked")
            }
            // The last admin cannot demote itself.
            let demote = #"{"role":"member"}"#
            try await client.execute(uri: "/api/v1/users/\(GatewayHarness.adminID)", method: .patch, headers: GatewayHarness.admin.merging([.contentType: "application/json"]), body: .json(demote)) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "conflict")
            }
            // Someone never registered.
            try await client.execute(uri: "/api/v1/users", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/users", telegramID: 999)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "unknown")
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 999)) { response in
                #expect(response.status == .forbidden)
                #expect(response.errorDetails?["reason"] as? String == "unknown")
            }
        }
    }

    @Test("429 with Retry-After exactly when the bucket is empty; admins are exempt")
    func rateLimit() async throws {
        var harness = try await GatewayHarness(services: ["users-service"])
        harness.configuration.rateLimit = RateLimitPolicy(perMinute: 6, burst: 3)
        try await harness.run { client in
            try await Self.register(client, 31)  // 1st request of user 31
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 31)) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 31)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.errorCode == "rate_limited")
                let retryAfter = try #require(response.headers[.retryAfter].flatMap(Int.init))
                #expect((1...10).contains(retryAfter))
                #expect(response.errorDetails?["retry_after"] as? Int == retryAfter)
            }
            // Another user has a bucket of their own; the admin has none.
            try await Self.register(client, 32)
            for _ in 0..<5 {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.admin) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test("the limiter's memory stays bounded over 100,000 distinct users")
    func limiterMemoryIsBounded() async {
        let limiter = RateLimiter(policy: RateLimitPolicy(perMinute: 30, burst: 10, maxTrackedKeys: 10_000))
        for id in 0..<100_000 {
            _ = await limiter.admit("tg:\(id)")
        }
        #expect(await limiter.trackedKeys <= 10_000)
        // Forgetting a key never lets a busy user through early: a user over the limit stays limited.
        for _ in 0..<10 { _ = await limiter.admit("tg:busy") }
        #expect(await limiter.admit("tg:busy") != .allowed)
    }

    @Test("a service that is down gives 503 at once, and requests succeed again once it is back")
    func serviceDown() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            try await Self.register(client, 41)
            await harness.mesh.stop("users-service", signal: SIGKILL)
            let started = ContinuousClock.now
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 41)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "unavailable")
                #expect(response.correlationID != nil)
            }
            // Refused at once, not after the harness's 2 s call timeout; slack for a loaded CI machine.
            #expect(ContinuousClock.now - started < .milliseconds(1500))
            try await client.execute(uri: "/api/v1/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect((response.json["down"] as? [String])?.contains("users-service") == true)
            }
            try await harness.mesh.start("users-service")
            var recovered = false
            let deadline = ContinuousClock.now + .seconds(3)
            while !recovered, ContinuousClock.now < deadline {
                recovered = try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 41)) { $0.status == .ok }
                if !recovered { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(recovered, "requests did not succeed again after users-service came back")
        }
    }

    @Test("metrics count requests by route and status")
    func metrics() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.admin) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"gateway_requests_total{route="/api/v1/me",method="GET",status="200"}"#))
                #expect(text.contains("gateway_request_duration_seconds_bucket"))
            }
        }
    }
}
