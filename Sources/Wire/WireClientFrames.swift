import NIOCore
import NIOExtras

/// A request on its way out of a client: its id, for matching, and its frame (length prefix
/// included).
struct WireOutboundFrame: NIORequestIdentifiable, Sendable {
    var requestID: UInt64
    var payload: ByteBuffer
}

/// A response as a client receives it: the id it answers, its error if it is one, and the
/// whole frame, from which the caller decodes its typed result.
struct WireInboundFrame: NIORequestIdentifiable, Sendable {
    var requestID: UInt64
    var error: WireError?
    var payload: ByteBuffer
}

/// Turns outbound frames into bytes and inbound bytes into frames matched by id.
///
/// Only the head of a response (`id`, `error`) is read here, on the event loop, and without
/// a parse when the response is in canonical form; the typed result is decoded by the
/// waiting caller.
final class WireClientCodec: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = WireInboundFrame
    typealias OutboundIn = WireOutboundFrame
    typealias OutboundOut = ByteBuffer

    /// A response that is not a Wire response; the connection is no longer trustworthy.
    struct MalformedResponse: Error {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let payload = unwrapInboundIn(data)
        if let id = WireEnvelopePrefix.successResponse(payload) {
            context.fireChannelRead(wrapInboundOut(WireInboundFrame(requestID: id, error: nil, payload: payload)))
            return
        }
        do {
            let head = try WireJSON.decode(WireResponseHead.self, from: payload)
            context.fireChannelRead(wrapInboundOut(WireInboundFrame(requestID: head.id, error: head.error, payload: payload)))
        } catch {
            context.fireErrorCaught(MalformedResponse())
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(wrapOutboundOut(unwrapOutboundIn(data).payload), promise: promise)
    }
}

@available(*, unavailable)
extension WireClientCodec: Sendable {}
