import NIOCore
import NIOSSL

/// Drops NIOSSL's `uncleanShutdown`: many https servers close the connection without TLS's
/// close_notify. Whether the response was whole is then for the HTTP decoder to say, from its
/// `Content-Length`, its last chunk, or (a body that runs until the connection closes) the
/// close itself; passed on, the error would end the response stream before that verdict.
final class UncleanShutdownFilter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NIOSSLError, case .uncleanShutdown = error { return }
        context.fireErrorCaught(error)
    }
}
