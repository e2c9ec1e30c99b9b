import ServiceLifecycle

/// Keeps the progress messages of uploads up to date, each in a child task, so that a long
/// ingestion neither holds up its chat's next update nor the polling offset. On shutdown the
/// watches stop; the tasks themselves go on in ingest-service (`/status` shows them).
public struct UploadProgressService: Service, CustomStringConvertible {
    let watches: AsyncStream<UploadWatch>
    let conversation: Conversation

    public var description: String { "UploadProgressService" }

    public init(watches: AsyncStream<UploadWatch>, conversation: Conversation) {
        self.watches = watches
        self.conversation = conversation
    }

    public func run() async throws {
        let watches = watches
        let conversation = conversation
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await watch in watches {
                    group.addTask { await conversation.watch(watch) }
                }
            }
        }
    }
}
