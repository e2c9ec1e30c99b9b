import Foundation
import Testing
import Wire

@Suite struct WireContextTests {
    @Test func tightenKeepsTheEarlierDeadline() {
        let now = WireClock.Instant(millisecondsSinceEpoch: 1_000_000)
        let loose = WireContext(correlationID: "c", deadlineMs: 2_000_000)
        #expect(loose.tightened(by: .seconds(5), now: now).deadlineMs == 1_005_000)
        let tight = WireContext(correlationID: "c", deadlineMs: 1_000_100)
        #expect(tight.tightened(by: .seconds(5), now: now).deadlineMs == 1_000_100)
        let none = WireContext(correlationID: "c")
        #expect(none.tightened(by: .milliseconds(250), now: now).deadlineMs == 1_000_250)
    }

    @Test func encodesSnakeCaseKeys() throws {
        let ctx = WireContext(correlationID: "upd-1", telegramID: 42, deadlineMs: 7)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ctx)) as? [String: Any]
        #expect(json?["correlation_id"] as? String == "upd-1")
        #expect(json?["telegram_id"] as? Int == 42)
        #expect(json?["deadline_ms"] as? Int == 7)
    }

    @Test("every error code has one HTTP status", arguments: WireErrorCode.allCases)
    func httpStatus(code: WireErrorCode) {
        let expected: [WireErrorCode: Int] = [
            .badRequest: 400, .unauthorized: 401, .forbidden: 403, .notFound: 404, .methodNotAllowed: 405, .conflict: 409, .tooLarge: 413,
            .unprocessable: 422, .rateLimited: 429, .internal: 500, .unavailable: 503, .deadlineExceeded: 504,
        ]
        #expect(code.httpStatus == expected[code])
    }
}
