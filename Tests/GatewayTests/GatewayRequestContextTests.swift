import Logging
import Testing

@testable import Gateway
@testable import HTTPServing

@Suite struct GatewayRequestContextTests {
    @Test("the request's logger carries its correlation id and, once known, the caller's Telegram id")
    func loggerMetadata() {
        var context = GatewayRequestContext(source: RequestContextSource(logger: Logger(label: "test"), remoteAddress: nil))
        #expect(context.logger[metadataKey: "correlation_id"] == nil)
        context.correlationID = "req-7"
        #expect(context.logger[metadataKey: "correlation_id"] == .string("req-7"))
        #expect(context.logger[metadataKey: "telegram_id"] == nil)
        context.caller = Caller.session(telegramID: 42)
        #expect(context.logger[metadataKey: "telegram_id"]?.description == "42")
        // Metadata set through the logger stays, beside the two.
        context.logger[metadataKey: "route"] = "me"
        #expect(context.logger[metadataKey: "route"] == "me")
        #expect(context.logger[metadataKey: "correlation_id"] == .string("req-7"))
        // And the two always say what the context says now.
        context.caller = Caller.adminToken
        #expect(context.logger[metadataKey: "telegram_id"] == nil)
    }
}
