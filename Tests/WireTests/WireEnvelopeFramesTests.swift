import Foundation
import NIOCore
import Testing
@testable import Wire

/// The envelopes written and read in place must be exactly what their `Codable` form wrote
/// and read: same bytes out, same values and errors in.
@Suite struct WireEnvelopeFramesTests {
    /// The request envelope as it was encoded before, through `Codable`.
    struct CodableRequest<Params: Encodable>: Encodable {
        var v = 1
        var id: UInt64
        var method: String
        var params: Params
        var ctx: WireContext
    }

    struct CodableResult<Result: Encodable>: Encodable {
        var v = 1
        var id: UInt64
        var result: Result
    }

    struct CodableBody<Params: Decodable>: Decodable {
        var params: Params?
        var ctx: WireContext?
    }

    static let contexts = [
        WireContext(correlationID: "req-1"),
        WireContext(correlationID: "req-2", telegramID: -42),
        WireContext(correlationID: "with \"quotes\" and \\ and \n", deadlineMs: 1_700_000_000_123),
        WireContext(correlationID: "", telegramID: Int64.max, deadlineMs: 0),
    ]

    private func jsonBytes(ofFrame frame: ByteBuffer) -> [UInt8] {
        var frame = frame
        let length = frame.readInteger(as: UInt32.self)
        #expect(Int(length ?? 0) == frame.readableBytes, "the length prefix counts the JSON")
        return Array(frame.readableBytesView)
    }

    @Test("a request frame has the bytes of the Codable envelope", arguments: contexts)
    func requestBytes(_ ctx: WireContext) throws {
        let params = TestEcho.Params(text: "héllo \"world\" / ✓", number: -7)
        let frame = try WireRequestEnvelope(id: 9_007_199_254_740_993, method: "test.echo", params: params, ctx: ctx)
            .frame(allocator: ByteBufferAllocator())
        let expected = try CompactJSONEncoder().encode(
            CodableRequest(id: 9_007_199_254_740_993, method: "test.echo", params: params, ctx: ctx))
        #expect(jsonBytes(ofFrame: frame) == Array(expected.readableBytesView))
        #expect(WireEnvelopePrefix.request(frame.getSlice(at: 4, length: frame.readableBytes - 4)!)?.method == "test.echo")
    }

    @Test("a result frame has the bytes of the Codable envelope")
    func resultBytes() throws {
        let result = ["a": [1, 2], "b": []]
        let frame = try WireResultEnvelope(id: 3, result: result).frame(allocator: ByteBufferAllocator())
        let expected = try CompactJSONEncoder().encode(CodableResult(id: 3, result: result))
        #expect(jsonBytes(ofFrame: frame) == Array(expected.readableBytesView))
    }

    @Test("params that cannot be encoded fail the frame")
    func unencodableParams() {
        #expect(throws: EncodingError.self) {
            _ = try WireRequestEnvelope(id: 1, method: "x", params: ["n": Double.nan], ctx: WireContext(correlationID: "c"))
                .frame(allocator: ByteBufferAllocator())
        }
    }

    static let bodies = [
        #"{"v":1,"id":1,"method":"test.echo","params":{"text":"a","number":1},"ctx":{"correlation_id":"c","telegram_id":5,"deadline_ms":9}}"#,
        #"{"ctx":{"deadline_ms":9.0,"unknown":[1,{"x":null}],"correlation_id":"c\u0041"},"id":1,"params":{"number":2,"text":"b"}}"#,
        #"{"v":1,"id":1,"method":"test.echo","params":{"text":"a","number":1},"ctx":{"correlation_id":"c","telegram_id":null}}"#,
        #"{"v":1,"id":1,"method":"test.echo","params":null,"ctx":null}"#,
        #"{"v":1,"id":1,"method":"test.echo"}"#,
        #"{"v":1,"id":1,"method":"test.echo","params":{"text":"a","number":1},"ctx":{"\u0063orrelation_id":"escaped key"}}"#,
        // Repeated members: the first counts.
        #"{"params":{"text":"first","number":1},"params":{"text":"second"},"ctx":{"correlation_id":"c"},"ctx":5}"#,
        #"{"params":{"text":"a","number":1},"ctx":{"correlation_id":"one","telegram_id":1,"correlation_id":"two","telegram_id":"x"}}"#,
    ]

    @Test("a request body reads as its Codable form read it", arguments: bodies)
    func bodyValues(_ json: String) throws {
        let body = try WireRequestBody<TestEcho.Params>.decode(from: ByteBuffer(string: json))
        let expected = try CompactJSONDecoder().decode(CodableBody<TestEcho.Params>.self, from: Array(json.utf8))
        #expect(body.params == expected.params)
        #expect(body.ctx == expected.ctx)
        #expect(body.ctxProblem == nil)
    }

    @Test(
        "a ctx the Codable form refused is a ctx problem, not a params error",
        arguments: [
            #""oops""#, "[]", "{}", #"{"telegram_id":1}"#, #"{"correlation_id":7}"#, #"{"correlation_id":null}"#,
            #"{"correlation_id":"c","telegram_id":"7"}"#, #"{"correlation_id":"c","deadline_ms":1.5}"#,
            #"{"correlation_id":"c","telegram_id":9223372036854775808}"#, #"{"correlation_id":"c","deadline_ms":true}"#,
        ])
    func badContext(_ ctx: String) throws {
        let json = #"{"v":1,"id":1,"method":"test.echo","params":{"text":"a","number":1},"ctx":\#(ctx)}"#
        #expect(throws: (any Error).self) { try CompactJSONDecoder().decode(WireContext.self, from: Array(ctx.utf8)) }
        let body = try WireRequestBody<TestEcho.Params>.decode(from: ByteBuffer(string: json))
        #expect(body.ctx == nil)
        #expect(body.ctxProblem != nil)
        #expect(body.params == TestEcho.Params(text: "a", number: 1))
    }

    @Test(
        "params that do not fit throw with their path under params",
        arguments: [
            (#"{"params":{"text":"a","number":"one"}}"#, "params.number"),
            (#"{"params":{"text":"a"}}"#, "params.number"),
            (#"{"params":[1]}"#, "params"),
        ])
    func badParams(_ json: String, field: String) {
        do {
            _ = try WireRequestBody<TestEcho.Params>.decode(from: ByteBuffer(string: json))
            Issue.record("decoded \(json)")
        } catch {
            #expect(WireFieldPath.of(error) == field)
        }
    }

    @Test("a frame that is not a JSON object throws", arguments: ["[1]", "\"x\"", "{", "{\"params\":{}} x"])
    func notAnObject(_ json: String) {
        #expect(throws: DecodingError.self) { try WireRequestBody<TestEcho.Params>.decode(from: ByteBuffer(string: json)) }
        #expect(throws: DecodingError.self) { try WireResponseResult<TestEcho.Params>.decode(from: ByteBuffer(string: json)) }
    }

    @Test("a response's result is found wherever it stands; without one the response is refused")
    func responseResult() throws {
        let first = #"{"result":{"text":"r","number":3},"v":1,"id":4}"#
        let last = #"{"v":1,"id":4,"extra":{"result":0},"result":{"text":"r","number":3}}"#
        for json in [first, last] {
            #expect(try WireResponseResult<TestEcho.Params>.decode(from: ByteBuffer(string: json)) == .init(text: "r", number: 3))
        }
        #expect(throws: DecodingError.self) {
            try WireResponseResult<TestEcho.Params>.decode(from: ByteBuffer(string: #"{"v":1,"id":4}"#))
        }
        #expect(throws: DecodingError.self) {
            try WireResponseResult<TestEcho.Params>.decode(from: ByteBuffer(string: #"{"v":1,"id":4,"result":{"text":"r"}}"#))
        }
    }
}
