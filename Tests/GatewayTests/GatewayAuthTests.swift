import Crypto
import Foundation
import HTTPTypes
import NIOCore
import ServiceSupport
import Testing
import TestSupport

/// Each way in accepts the right credential and refuses the wrong ones.
@Suite struct GatewayAuthTests {
    @Test("bot-signed requests: right signature in, wrong signature, old timestamp and replayed nonce out")
    func botSignatures() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            let body = #"{"username":"alice","first_name":"Alice","language_code":"ru"}"#
            try await client.execute(uri: "/api/v1/users", method: .post, headers: GatewayHarness.signed(.post, "/api/v1/users", telegramID: 7, body: body), body: .json(body)) { response in
                #expect(response.status == .created)
                #expect((response.json["user"] as? [String: Any])?["telegram_id"] as? Int == 7)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 7)) { response in
                #expect(response.status == .ok)
                #expect((response.json["user"] as? [String: Any])?["username"] as? String == "alice")
            }
            // Signed with another secret.
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 7, secret: "some-other-secret-0123456789")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.errorCode == "unauthorized")
            }
            // Signed for another user than the header claims.
            var forged = GatewayHarness.signed(.get, "/api/v1/me", telegramID: 7)
            forged[HTTPField.Name("X-Telegram-Id")!] = "8"
            try await client.execute(uri: "/api/v1/me", method: .get, headers: forged) { response in
                #expect(response.status == .unauthorized)
            }
            // A body other than the one signed.
            let signedFor = GatewayHarness.signed(.post, "/api/v1/users", telegramID: 7, body: body)
            try await client.execute(uri: "/api/v1/users", method: .post, headers: signedFor, body: .json(#"{"username":"mallory"}"#)) { response in
                #expect(response.status == .unauthorized)
            }
            let old = Int64(Date().timeIntervalSince1970) - 301
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.signed(.get, "/api/v1/me", telegramID: 7, timestamp: old)) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String ?? "" != "")
            }
            let once = GatewayHarness.signed(.get, "/api/v1/me", telegramID: 7, nonce: "nonce-used-once")
            try await client.execute(uri: "/api/v1/me", method: .get, headers: once) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: once) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String == "this signed request was already used (nonce replayed)")
            }
        }
    }

    @Test("bearer tokens: the admin token, session tokens, and nothing else")
    func bearerTokens() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        try await harness.run { client in
            try await client.execute(uri: "/api/v1/me", method: .get, headers: GatewayHarness.admin) { response in
                #expect(response.status == .ok)
                #expect(response.json["caller"] as? String == "admin_token")
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer not-the-token"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            // The scheme's case does not matter; another scheme, or none, is refused.
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "bEaReR \(GatewayHarness.adminToken)"]) { response in
                #expect(response.status == .ok)
            }
            for authorization in ["Basic \(GatewayHarness.adminToken)", "Bearer", "Bearer\t\(GatewayHarness.adminToken)", GatewayHarness.adminToken] {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: authorization]) { response in
                    #expect(response.status == .unauthorized, "\(authorization)")
                }
            }
            try await client.execute(uri: "/api/v1/me", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("Login Widget and Mini App sign-in issue a session; forged or old data does not")
    func telegramSignIn() async throws {
        let harness = try await GatewayHarness(services: ["users-service"])
        let now = Int64(Date().timeIntervalSince1970)
        try await harness.run { client in
            let widget = Self.widgetBody(id: 55, authDate: now)
            let token: String = try await client.execute(uri: "/api/v1/auth/telegram", method: .post, headers: [.contentType: "application/json"], body: .json(widget)) { response in
                #expect(response.status == .ok)
                #expect((response.json["user"] as? [String: Any])?["telegram_id"] as? Int == 55)
                return response.json["token"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect((response.json["user"] as? [String: Any])?["first_name"] as? String == "Widget")
            }
            // A tampered session token.
            let tamperedToken = token.dropLast() + (token.hasSuffix("0") ? "1" : "0")
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(tamperedToken)"]) { response in
                #expect(response.status == .unauthorized)
            }
            let forged = widget.replacingOccurrences(of: #""first_name":"Widget""#, with: #""first_name":"Mallory""#)
            try await client.execute(uri: "/api/v1/auth/telegram", method: .post, headers: [.contentType: "application/json"], body: .json(forged)) { response in
                #expect(response.status == .unauthorized)
            }
            let expired = Self.widgetBody(id: 55, authDate: now - 25 * 3600)
            try await client.execute(uri: "/api/v1/auth/telegram", method: .post, headers: [.contentType: "application/json"], body: .json(expired)) { response in
                #expect(response.status == .unauthorized)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String == "sign-in data is older than 24 hours; sign in again")
            }
            let initData = Self.initData(id: 56, authDate: now)
            try await client.execute(uri: "/api/v1/auth/telegram", method: .post, headers: [.contentType: "application/json"], body: .json(#"{"init_data":"\#(initData)"}"#)) { response in
                #expect(response.status == .ok)
                #expect((response.json["user"] as? [String: Any])?["username"] as? String == "mini")
            }
            let tampered = initData.replacingOccurrences(of: "auth_date=\(now)", with: "auth_date=\(now - 1)")
            try await client.execute(uri: "/api/v1/auth/telegram", method: .post, headers: [.contentType: "application/json"], body: .json(#"{"init_data":"\#(tampered)"}"#)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    /// A Login Widget payload signed the way Telegram signs it.
    static func widgetBody(id: Int64, authDate: Int64) -> String {
        let fields = ["id": String(id), "first_name": "Widget", "username": "widget_user", "auth_date": String(authDate)]
        let check = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let key = SymmetricKey(data: SHA256.hash(data: Data(GatewayHarness.botToken.utf8)))
        let hash = Data(HMAC<SHA256>.authenticationCode(for: Data(check.utf8), using: key)).hexString
        return #"{"id":\#(id),"first_name":"Widget","username":"widget_user","auth_date":\#(authDate),"hash":"\#(hash)"}"#
    }

    /// A Mini App `initData` string signed the way Telegram signs it.
    static func initData(id: Int64, authDate: Int64) -> String {
        let user = #"{"id":\#(id),"first_name":"Mini","username":"mini","language_code":"en"}"#
        let fields = ["auth_date": String(authDate), "query_id": "AAE1", "user": user]
        let check = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let secret = HMAC<SHA256>.authenticationCode(for: Data(GatewayHarness.botToken.utf8), using: SymmetricKey(data: Data("WebAppData".utf8)))
        let hash = Data(HMAC<SHA256>.authenticationCode(for: Data(check.utf8), using: SymmetricKey(data: Data(secret)))).hexString
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        return "query_id=AAE1&user=\(encode(user))&auth_date=\(authDate)&hash=\(hash)"
    }
}
