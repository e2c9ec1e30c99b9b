import NIOCore

/// Turns the flushes of one event-loop tick into one.
///
/// Responses (and, on a client, requests) are written from many tasks, each with its own
/// flush; each flush would be a syscall. Deferring the flush to the end of the tasks already
/// queued on the loop sends everything written meanwhile in one `writev`.
final class WireFlushCoalescer: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var flushPending = false

    func flush(context: ChannelHandlerContext) {
        guard !flushPending else { return }
        flushPending = true
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (coalescer, context) = loopBound.value
            guard coalescer.flushPending else { return }
            coalescer.flushPending = false
            context.flush()
        }
    }

    /// Whatever was written before a close goes out before it: a draining server's last answers.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if flushPending {
            flushPending = false
            context.flush()
        }
        context.close(mode: mode, promise: promise)
    }
}

@available(*, unavailable)
extension WireFlushCoalescer: Sendable {}
