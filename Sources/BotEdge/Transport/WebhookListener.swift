import Crypto
import Foundation
import HTTPTypes
import HTTPServing
import Logging
import NIOCore
import ServiceLifecycle
import ServiceSupport

/// Webhook mode: registers `BOT_WEBHOOK_URL` with a random secret, listens on
/// `BOT_WEBHOOK_LISTEN`, refuses requests without the secret (compared in constant time),
/// answers Telegram at once and hands the update to `WebhookDispatch`. Updates already seen
/// (Telegram retries when an answer is slow) are dropped by id.
public struct WebhookListener: Service, CustomStringConvertible {
    /// ServiceLifecycle logs services by description: never the token or the secret.
    public var description: String { "WebhookListener(\(host):\(port))" }

    let telegram: TelegramClient
    let url: String
    let host: String
    let port: Int
    let secret: String
    let updates: AsyncStream<TelegramUpdate>.Continuation
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    public init(
        telegram: TelegramClient, url: String, host: String, port: Int, updates: AsyncStream<TelegramUpdate>.Continuation, logger: Logger,
        secret: String = WebhookListener.randomSecret(), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.telegram = telegram
        self.url = url
        self.host = host
        self.port = port
        self.secret = secret
        self.updates = updates
        self.logger = logger
        self.onListening = onListening
    }

    /// 32 random bytes as hex: within Telegram's `secret_token` alphabet and length.
    public static func randomSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }.hexString
    }

    public func run() async throws {
        let router = Router()
        let path = URL(string: url)?.path ?? "/"
        let secret = Data(secret.utf8)
        let updates = updates
        let logger = logger
        let seen = RecentUpdateIDs()
        router.post(path.isEmpty ? "/" : path) { request, context -> Response in
            let given = request.headers[HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!] ?? ""
            guard Self.constantTimeEqual(Data(given.utf8), secret) else {
                logger.warning("webhook request without the right secret refused")
                return Response(status: .unauthorized)
            }
            let body = try await request.body.collect(upTo: 4 << 20)
            let update: TelegramUpdate
            do {
                update = try JSONDecoder().decode(TelegramUpdate.self, from: Data(body.readableBytesView))
            } catch {
                logger.warning("unreadable webhook update ignored", metadata: ["error": "\(error)"])
                return Response(status: .ok)
            }
            logger.debug("webhook update received", metadata: ["update_id": "\(update.updateID)"])
            if await seen.insert(update.updateID) {
                updates.yield(update)
            }
            return Response(status: .ok)
        }
        let onListening = onListening
        let server = HTTPServer(router: router, host: host, port: port, logger: logger, onListening: onListening)
        do {
            try await telegram.setWebhook(url: url, secretToken: self.secret)
        } catch {
            logger.error("setWebhook failed", metadata: ["error": "\(error)"])
            throw error
        }
        try await server.run()
        updates.finish()
    }

    /// Equal bytes, in time that depends only on the length.
    static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}

/// The last few thousand update ids, to drop Telegram's redeliveries.
actor RecentUpdateIDs {
    private var ids: Set<Int64> = []
    private var order: [Int64] = []
    let capacity = 4096

    /// True when `id` is new.
    func insert(_ id: Int64) -> Bool {
        guard ids.insert(id).inserted else { return false }
        order.append(id)
        if order.count > capacity {
            ids.remove(order.removeFirst())
        }
        return true
    }
}

/// Handles the updates the webhook received, concurrently, until the stream ends.
public struct WebhookDispatch: Service, CustomStringConvertible {
    public var description: String { "WebhookDispatch" }

    let updates: AsyncStream<TelegramUpdate>
    let conversation: Conversation

    public init(updates: AsyncStream<TelegramUpdate>, conversation: Conversation) {
        self.updates = updates
        self.conversation = conversation
    }

    public func run() async throws {
        let turns = ChatTurns()
        await withDiscardingTaskGroup { group in
            for await update in updates.cancelOnGracefulShutdown() {
                let chat = update.chatID ?? 0
                let ticket = await turns.ticket(for: chat)
                group.addTask {
                    await turns.wait(ticket, in: chat)
                    await conversation.handle(update)
                    await turns.done(in: chat)
                }
            }
        }
    }
}
