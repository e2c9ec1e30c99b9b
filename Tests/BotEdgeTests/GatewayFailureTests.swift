import Foundation
import Testing

@testable import BotEdge

@Suite struct GatewayFailureTests {
    static func envelope(_ code: String, _ details: String = "{}") -> [UInt8] {
        Array(#"{"error":{"code":"\#(code)","message":"internal words","correlation_id":"upd-1","details":\#(details)}}"#.utf8)
    }

    @Test("envelopes become what the person must be told")
    func classification() {
        #expect(GatewayFailure(status: 429, envelope: Self.envelope("rate_limited", #"{"retry_after":7}"#)) == .rateLimited(retryAfter: 7))
        #expect(GatewayFailure(status: 429, envelope: [], retryAfterHeader: "3") == .rateLimited(retryAfter: 3))
        #expect(GatewayFailure(status: 403, envelope: Self.envelope("forbidden", #"{"reason":"pending"}"#)) == .pending)
        #expect(GatewayFailure(status: 403, envelope: Self.envelope("forbidden", #"{"reason":"blocked"}"#)) == .blocked)
        #expect(GatewayFailure(status: 403, envelope: Self.envelope("forbidden", #"{"reason":"unknown"}"#)) == .unknownUser)
        #expect(GatewayFailure(status: 403, envelope: Self.envelope("forbidden", #"{"reason":"role_too_low"}"#)) == .forbidden)
        #expect(GatewayFailure(status: 404, envelope: Self.envelope("not_found")) == .notFound)
        #expect(GatewayFailure(status: 503, envelope: Self.envelope("unavailable")) == .unavailable)
        #expect(GatewayFailure(status: 504, envelope: Self.envelope("deadline_exceeded")) == .unavailable)
        #expect(GatewayFailure(status: 502, envelope: Array("<html>bad gateway</html>".utf8)) == .unavailable)
    }

    @Test("the rate-limit message names the wait, in both languages; no envelope text reaches it")
    func wording() {
        #expect(MessageCatalog(.ru).text(.rateLimited, ["seconds": "7"]).contains("через 7 с"))
        #expect(MessageCatalog(.en).text(.rateLimited, ["seconds": "7"]).contains("in 7 s"))
    }

    @Test("clients describe themselves without secrets")
    func redacted() {
        let telegram = TelegramClient(baseURL: "http://127.0.0.1:1", token: "123:SECRET")
        #expect(!"\(telegram)".contains("SECRET"))
    }
}
