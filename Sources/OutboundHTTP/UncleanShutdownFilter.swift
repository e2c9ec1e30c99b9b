import NIOCore
import NIOSSL
import Synchronization

/// Drops NIOSSL's `uncleanShutdown`: many https servers close the connection without TLS's
/// close_notify. Whether the response was whole is then for the HTTP decoder to say, from its
/// `Content-Length`, its last chunk, or (a body that runs until the connection closes) the
/// close itself; passed on, the error would end the response stream before that verdict.
///
/// Any other TLS error (a failed handshake, a certificate refused) is recorded in `failure`:
/// the connection closes right after it, and a read or write that then fails would
/// otherwise only see a closed channel.
final class UncleanShutdownFilter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let failure: TLSFailure

    init(failure: TLSFailure) {
        self.failure = failure
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NIOSSLError, case .uncleanShutdown = error { return }
        failure.record(error)
        context.fireErrorCaught(error)
    }
}

/// The first TLS error of one connection, for whoever reads the request's outcome.
final class TLSFailure: Sendable {
    private let reason = Mutex<String?>(nil)

    var description: String? { reason.withLock { $0 } }

    func record(_ error: any Error) {
        reason.withLock { $0 = $0 ?? "\(error)" }
    }
}
