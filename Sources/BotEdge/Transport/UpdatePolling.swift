import Logging
import ServiceLifecycle

/// Long polling: `getUpdates` in a loop, updates handled concurrently across chats and in
/// order within a chat, the offset committed as soon as every update before it is handled.
/// Updates below the stored offset are skipped (Telegram may repeat a batch after a restart).
/// On SIGTERM the waiting `getUpdates` is cancelled and the updates in hand are finished.
public struct UpdatePolling: Service, CustomStringConvertible {
    /// ServiceLifecycle logs services by description: never the token or the secret.
    public var description: String { "UpdatePolling" }

    let telegram: TelegramClient
    let store: OffsetStore
    let conversation: Conversation
    let timeout: Int
    let logger: Logger

    public init(telegram: TelegramClient, store: OffsetStore, conversation: Conversation, timeout: Int, logger: Logger) {
        self.telegram = telegram
        self.store = store
        self.conversation = conversation
        self.timeout = timeout
        self.logger = logger
    }

    public func run() async throws {
        try? await telegram.deleteWebhook()
        var offset = await store.load()
        var pause = Duration.milliseconds(250)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let updates: [TelegramUpdate]
            do {
                let asked = offset
                updates = try await cancelWhenGracefulShutdown { try await telegram.getUpdates(offset: asked, timeout: timeout) }
                pause = .milliseconds(250)
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                logger.warning("getUpdates failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(10))
                continue
            }
            let fresh = updates.filter { $0.updateID >= (offset ?? Int64.min) }.sorted { $0.updateID < $1.updateID }
            guard !fresh.isEmpty else { continue }
            offset = await handle(fresh)
        }
        logger.info("polling stopped", metadata: ["offset": "\(offset.map(String.init) ?? "none")"])
    }

    /// Handles a batch; returns the new offset (last update id + 1).
    private func handle(_ batch: [TelegramUpdate]) async -> Int64 {
        var byChat: [Int64: [TelegramUpdate]] = [:]
        for update in batch { byChat[update.chatID ?? 0, default: []].append(update) }
        var done: Set<Int64> = []
        var next = 0
        await withTaskGroup(of: [Int64].self) { group in
            for (_, updates) in byChat {
                group.addTask {
                    var handled: [Int64] = []
                    for update in updates {
                        await conversation.handle(update)
                        handled.append(update.updateID)
                    }
                    return handled
                }
            }
            for await handled in group {
                done.formUnion(handled)
                // Commit the longest handled prefix of the batch.
                var advanced = false
                while next < batch.count, done.contains(batch[next].updateID) {
                    next += 1
                    advanced = true
                }
                if advanced { await commit(batch[next - 1].updateID + 1) }
            }
        }
        return batch[batch.count - 1].updateID + 1
    }

    private func commit(_ offset: Int64) async {
        do {
            try await store.advance(to: offset)
        } catch {
            logger.error("cannot write the polling offset", metadata: ["error": "\(error)"])
        }
    }
}
