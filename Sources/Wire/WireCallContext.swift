import Logging

/// What a handler knows about the call it serves.
public struct WireCallContext: Sendable {
    /// The method being served, `service.verb`.
    public var method: String
    /// The caller's context: correlation id, Telegram user, deadline.
    public var ctx: WireContext
    private var baseLogger: Logger

    public init(method: String, ctx: WireContext, baseLogger: Logger) {
        self.method = method
        self.ctx = ctx
        self.baseLogger = baseLogger
    }

    /// A logger that carries `correlation_id`, `telegram_id` and `method`, so every line a
    /// handler writes can be traced back to the request. Built on use: most calls log nothing.
    public var logger: Logger {
        var logger = baseLogger
        logger[metadataKey: "correlation_id"] = .string(ctx.correlationID)
        if let telegramID = ctx.telegramID {
            logger[metadataKey: "telegram_id"] = .stringConvertible(telegramID)
        }
        logger[metadataKey: "method"] = .string(method)
        return logger
    }
}
