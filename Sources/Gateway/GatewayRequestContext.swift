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

    /// The request's logger, with its correlation id and Telegram user in the metadata. Built
    /// when something is logged: setting logger metadata copies a dictionary, and doing it for
    /// every request cost more than the lines that are rarely written.
    public var logger: Logger {
        get {
            var logger = core.logger
            if !correlationID.isEmpty { logger[metadataKey: "correlation_id"] = .string(correlationID) }
            if let telegramID = caller?.telegramID { logger[metadataKey: "telegram_id"] = .stringConvertible(telegramID) }
            return logger
        }
        set {
            // The two are added when read, so they always say what the context says now.
            var logger = newValue
            logger[metadataKey: "correlation_id"] = nil
            logger[metadataKey: "telegram_id"] = nil
            core.logger = logger
        }
    }

    /// The Wire context for calls made on behalf of this request.
    var wireContext: WireContext {
        WireContext(correlationID: correlationID, telegramID: caller?.telegramID)
    }
}
