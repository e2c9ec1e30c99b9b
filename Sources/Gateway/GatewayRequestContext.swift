import HTTPServing
import HTTPTypes
import Logging
import NIOCore
import Wire

/// What the gateway knows about one request as it passes the middleware: its correlation id,
/// who is calling, and where from.
public struct GatewayRequestContext: RequestContext {
    public var core: CoreRequestContext
    /// The id put in every log line, response header and Wire `ctx` for this request.
    public var correlationID: String = ""
    /// Who is calling; nil until authenticated, and for public routes.
    public var caller: Caller?
    public let remoteAddress: SocketAddress?
    /// A bot-signed upload's signature, to check once its body is staged (see
    /// `DeferredBodySignature`); nil for every other request.
    var deferredSignature: DeferredBodySignature?
    /// `MAX_BODY_BYTES`, applied when a JSON body is decoded.
    public var maxBodyBytes: Int = 1 << 20

    public init(source: RequestContextSource) {
        core = CoreRequestContext(source: source)
        remoteAddress = source.remoteAddress
    }

    /// The Wire context for calls made on behalf of this request.
    var wireContext: WireContext {
        WireContext(correlationID: correlationID, telegramID: caller?.telegramID)
    }
}
