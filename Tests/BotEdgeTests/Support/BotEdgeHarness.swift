import Foundation
import Synchronization
import TestSupport

/// The real `bot-edge` executable against a fake Telegram server and, when asked for, the real
/// mesh: users-service, rag-core and ingest-service as processes, and the gateway executable
/// on a free port in front of them.
final class BotEdgeHarness: Sendable {
    static let botSecret = "bot-edge-test-secret-0123456789ab"
    static let adminToken = "bot-edge-test-admin-token-0123456789"
    static let adminID: Int64 = 1000

    let mesh: ServiceMesh?
    let scratch: TemporaryDirectory
    let gateway: ServiceProcess?
    let gatewayURL: String
    let telegram: FakeTelegramServer
    let botEnvironment: [String: String]
    private let bot = Mutex<ServiceProcess?>(nil)

    var state: FakeTelegramState { telegram.state }
    var logDirectory: String { mesh?.directory.path ?? scratch.path }

    /// `withMesh: false` leaves the gateway address dead, for tests of the Telegram side alone.
    init(
        withMesh: Bool = true, accessMode: String = "allowlist", botSettings: [String: String] = [:],
        gatewaySettings: [String: String] = [:]
    ) async throws {
        telegram = try await FakeTelegramServer()
        scratch = try TemporaryDirectory(prefix: "bot")
        let port = try freeLocalPort()
        gatewayURL = "http://127.0.0.1:\(port)"
        var layout = ["MESH_RUN_DIR": scratch.file("run"), "MESH_DATA_DIR": scratch.file("data")]
        if withMesh {
            let mesh = try await ServiceMesh(
                environment: ["ACCESS_MODE": accessMode, "ADMIN_TELEGRAM_IDS": String(Self.adminID), "WIRE_TIMEOUT_MS": "4000"])
            self.mesh = mesh
            layout = ["MESH_RUN_DIR": mesh.runDirectory, "MESH_DATA_DIR": mesh.dataDirectory]
            let gateway = try ServiceProcess(
                "gateway",
                environment: mesh.environment.merging([
                    "GATEWAY_PORT": String(port), "ADMIN_API_TOKEN": Self.adminToken, "BOT_API_SECRET": Self.botSecret,
                    "RATE_LIMIT_PER_MINUTE": "100000", "RATE_LIMIT_BURST": "10000", "TELEGRAM_BOT_TOKEN": telegram.token,
                ]) { $1 }.merging(gatewaySettings) { $1 },
                logDirectory: mesh.directory.path)
            self.gateway = gateway
            let url = gatewayURL
            // Healthy, and really this gateway: its own log says it holds the port.
            let up = await eventually {
                guard gateway.logLines().contains(where: { $0.contains("listening on 127.0.0.1:\(port)") }) else { return false }
                return (try? await LoopbackHTTP.send("GET", url + "/api/v1/health"))?.status == 200
            }
            guard up else { throw StartFailure(log: gateway.logLines().suffix(20).joined(separator: "\n")) }
        } else {
            mesh = nil
            gateway = nil
        }
        botEnvironment = layout.merging([
            "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.baseURL, "GATEWAY_URL": gatewayURL,
            "BOT_API_SECRET": Self.botSecret, "ADMIN_TELEGRAM_IDS": String(Self.adminID), "BOT_POLL_TIMEOUT": "1",
            "BOT_CHAT_INTERVAL_MS": "100", "BOT_PROGRESS_INTERVAL_MS": "600", "LOG_LEVEL": "debug",
        ]) { $1 }.merging(botSettings) { $1 }
    }

    struct StartFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "the gateway did not come up:\n\(log)" }
    }

    /// Starts `bot-edge` and waits until it has registered its commands.
    func startBot() async throws {
        let process = try ServiceProcess("bot-edge", environment: botEnvironment, logDirectory: logDirectory)
        bot.withLock { $0 = process }
        // Registered in three calls (default, ru, en): wait for all of them.
        _ = await eventually(timeout: .seconds(15)) { await state.commands.count >= 3 || !process.isRunning }
    }

    /// Stops `bot-edge` (SIGTERM: gracefully) and returns its exit status.
    @discardableResult
    func stopBot(signal: Int32 = SIGTERM) async -> Int32? {
        await bot.withLock { $0 }?.stop(signal: signal)
    }

    var botLog: String { bot.withLock { $0 }?.logLines().suffix(40).joined(separator: "\n") ?? "" }

    /// Waits until `chatID` has at least `count` messages; returns them all.
    func messages(to chatID: Int64, count: Int, timeout: Duration = .seconds(20)) async -> [FakeTelegramState.SentMessage] {
        _ = await eventually(timeout: timeout) { await state.messages(to: chatID).count >= count }
        return await state.messages(to: chatID)
    }

    /// Waits for a message to `chatID` whose text satisfies `matches`.
    func message(to chatID: Int64, timeout: Duration = .seconds(20), where matches: @Sendable (FakeTelegramState.SentMessage) -> Bool) async
        -> FakeTelegramState.SentMessage?
    {
        _ = await eventually(timeout: timeout) { await state.messages(to: chatID).contains(where: matches) }
        return await state.messages(to: chatID).last(where: matches)
    }

    /// A call to the gateway with the admin token.
    func admin(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> LoopbackHTTP.Answer {
        try await LoopbackHTTP.send(
            method, gatewayURL + path, headers: ["Authorization": "Bearer \(Self.adminToken)", "Content-Type": "application/json"],
            body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
    }

    /// Creates a knowledge base and returns its id.
    func createKnowledgeBase(slug: String, name: String) async throws -> Int {
        let answer = try await admin("POST", "/api/v1/knowledge-bases", ["slug": slug, "name": name])
        guard let id = (answer.json["knowledge_base"] as? [String: Any])?["id"] as? Int else {
            throw StartFailure(log: String(decoding: answer.body, as: UTF8.self))
        }
        return id
    }

    func addDocument(to knowledgeBaseID: Int, title: String, uri: String, text: String) async throws {
        let answer = try await admin(
            "POST", "/api/v1/knowledge-bases/\(knowledgeBaseID)/documents", ["title": title, "source_uri": uri, "text": text])
        guard answer.status == 201 || answer.status == 200 else { throw StartFailure(log: String(decoding: answer.body, as: UTF8.self)) }
    }

    /// Whether the gateway serves the ingestion routes (another module adds them).
    func hasIngestionRoutes() async -> Bool {
        guard let answer = try? await admin("GET", "/api/v1/openapi.yaml") else { return false }
        return String(decoding: answer.body, as: UTF8.self).contains("/api/v1/ingestion/files")
    }
}
