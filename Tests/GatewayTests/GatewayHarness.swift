import Foundation
import Gateway
import HTTPTypes
import HTTPServing
import Logging
import NIOCore
import ServiceSupport
import TestSupport

/// A gateway served over real HTTP on a free port, in front of real service executables.
struct GatewayHarness: Sendable {
    static let adminToken = "admin-token-for-tests-0123456789"
    static let botSecret = "bot-secret-for-tests-0123456789ab"
    static let botToken = "123456:TEST-bot-token"
    static let adminID: Int64 = 1000

    let mesh: ServiceMesh
    var configuration: GatewayConfiguration

    init(services: [String] = ["users-service", "rag-core", "ingest-service"], accessMode: String = "open", rateLimit: RateLimitPolicy = .init(perMinute: 6000, burst: 1000)) async throws {
        mesh = try await ServiceMesh(services, environment: ["ACCESS_MODE": accessMode, "ADMIN_TELEGRAM_IDS": String(Self.adminID), "LOG_LEVEL": "debug"])
        configuration = GatewayConfiguration(
            host: "127.0.0.1",
            port: 0,
            layout: MeshLayout(runDirectory: mesh.runDirectory, dataDirectory: mesh.dataDirectory),
            wire: WireSettings(callTimeout: .seconds(2)),
            adminToken: Self.adminToken,
            botSecret: Self.botSecret,
            telegramBotToken: Self.botToken,
            rateLimit: rateLimit,
            maxBodyBytes: 64 * 1024,
            adminTelegramIDs: [Self.adminID]
        )
    }

    /// Runs `test` against a live gateway.
    func run<Value: Sendable>(_ test: @escaping @Sendable (TestHTTPClient) async throws -> Value) async throws -> Value {
        try await Self.live(configuration, test)
    }

    /// Runs `test` against a gateway with `configuration`, served on a free port of 127.0.0.1
    /// and stopped afterwards.
    static func live<Value: Sendable>(
        _ configuration: GatewayConfiguration, _ test: @escaping @Sendable (TestHTTPClient) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration
        (configuration.host, configuration.port) = ("127.0.0.1", 0)
        let server = try await LocalHTTPServer.start { onListening in
            buildGateway(configuration: configuration, logger: Logger(label: "gateway-test"), onListening: onListening)
        }
        do {
            let value = try await test(TestHTTPClient(port: server.port))
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    static var admin: HTTPFields { [.authorization: "Bearer \(adminToken)"] }

    /// Headers of a request the bot signs for `telegramID`.
    static func signed(_ method: HTTPRequest.Method, _ pathAndQuery: String, telegramID: Int64, body: String = "", timestamp: Int64? = nil, nonce: String = UUID().uuidString, secret: String = botSecret) -> HTTPFields {
        let timestamp = timestamp ?? Int64(Date().timeIntervalSince1970)
        let text = BotRequestSignature.canonicalText(method: method.rawValue, pathAndQuery: pathAndQuery, timestamp: timestamp, telegramID: telegramID, nonce: nonce, body: Array(body.utf8))
        return [
            HTTPField.Name("X-Telegram-Id")!: String(telegramID),
            HTTPField.Name("X-Bot-Timestamp")!: String(timestamp),
            HTTPField.Name("X-Bot-Nonce")!: nonce,
            HTTPField.Name("X-Bot-Signature")!: BotRequestSignature.sign(text, secret: secret),
            .contentType: "application/json",
        ]
    }
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `error.code` of the error envelope.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorDetails: [String: Any]? { (json["error"] as? [String: Any])?["details"] as? [String: Any] }
    var correlationID: String? { (json["error"] as? [String: Any])?["correlation_id"] as? String }
    var requestID: String? { headers[HTTPField.Name("X-Request-Id")!] }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
