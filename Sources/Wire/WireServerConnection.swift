import NIOCore

/// One accepted connection, as the server's accept loop keeps it: the channel, and a future
/// that completes once the channel is closed and no request on it is still being handled.
struct WireServerConnection: Sendable {
    /// Asks the connection to stop taking requests, finish the ones in flight, then close.
    struct Drain: Sendable {}
    /// Like `Drain`, and cancels the tasks of the requests in flight.
    struct Cancel: Sendable {}

    let channel: any Channel
    let finished: EventLoopFuture<Void>

    func drain() {
        channel.pipeline.fireUserInboundEventTriggered(Drain())
    }

    func cancel() {
        channel.pipeline.fireUserInboundEventTriggered(Cancel())
    }

    /// Starts reading requests; the server's accept loop calls it once it tracks the
    /// connection, so no connection serves requests that a shutdown would not wait for.
    func startReading() {
        channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
    }
}
