import NIOCore

/// One accepted connection, as the server's accept loop keeps it: the channel, and a future
/// that completes once the channel is closed and no request on it is still being handled.
struct WireServerConnection: Sendable {
    /// Asks the connection to stop taking requests, finish the ones in flight, then close.
    struct Drain: Sendable {}

    let channel: any Channel
    let finished: EventLoopFuture<Void>

    func drain() {
        channel.pipeline.fireUserInboundEventTriggered(Drain())
    }
}
