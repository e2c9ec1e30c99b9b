import Foundation
import Testing
import TestSupport
import Wire

/// Bad input over a real Unix socket: each case gets an error response when an id can be
/// read, a closed connection when it cannot, and the server goes on serving everyone else.
@Suite struct WireMalformedInputTests {
    /// After each bad connection, a fresh well-behaved client must still be served.
    private func expectStillServing(_ harness: WireServerHarness) async throws {
        let client = harness.client()
        let echoed = try await client.call(TestEcho.self, .init(text: "still here", number: 1), .background("t"))
        #expect(echoed.text == "still here")
        await client.close()
    }

    private static func header(_ length: UInt32) -> [UInt8] {
        [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
    }

    @Test("a frame longer than WIRE_MAX_FRAME closes the connection at once", arguments: [UInt32(64 * 1024 + 1), UInt32.max])
    func overLongLength(length: UInt32) async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.send(Self.header(length) + Array("{\"id\":1".utf8))
        #expect(await socket.isClosedByPeer())
        try await expectStillServing(harness)
        try await harness.stop()
    }

    @Test("requests read before an unreadable frame still get their answers; then the connection closes")
    func answersBeforeAnUnreadableFrame() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.sendFrame(#"{"v":1,"id":5,"method":"test.sleep","params":{"ms":300,"tag":"before"}}"#)
        try await socket.sendFrame("not json at all")
        let answer = await socket.readJSON()
        #expect(answer?["id"] as? Int == 5)
        #expect((answer?["result"] as? [String: Any])?["tag"] as? String == "before")
        #expect(await socket.isClosedByPeer())
        try await expectStillServing(harness)
        try await harness.stop()
    }

    @Test("a zero length frame closes the connection")
    func zeroLength() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.send(Self.header(0))
        #expect(await socket.isClosedByPeer())
        try await expectStillServing(harness)
        try await harness.stop()
    }

    @Test("a truncated frame followed by end of stream harms nobody")
    func truncatedFrame() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.send(Self.header(100) + Array(#"{"v":1,"id":3,"meth"#.utf8))
        socket.shutdownWrite()
        #expect(await socket.isClosedByPeer())
        try await expectStillServing(harness)
        try await harness.stop()
    }

    @Test("a frame that is not JSON, or JSON that is not an object, closes the connection",
          arguments: ["not json at all", "[1,2,3]", "\"a string\"", "42", #"{"v":1,"method":"sys.health"}"#, #"{"id":"seven","method":"sys.health"}"#])
    func unreadableFrames(payload: String) async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.sendFrame(payload)
        #expect(await socket.isClosedByPeer())
        try await expectStillServing(harness)
        try await harness.stop()
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var payload: String
        var code: String
        var field: String?
        var testDescription: String { name }
    }

    @Test("a readable id gets an error response and the connection stays open", arguments: [
        ErrorCase(name: "missing method", payload: #"{"v":1,"id":7,"params":{}}"#, code: "bad_request", field: "method"),
        ErrorCase(name: "unknown method", payload: #"{"v":1,"id":7,"method":"nope.nothing","params":{}}"#, code: "not_found"),
        ErrorCase(name: "params of the wrong type", payload: #"{"v":1,"id":7,"method":"test.echo","params":{"text":"x","number":"twelve"}}"#, code: "bad_request", field: "params.number"),
        ErrorCase(name: "params missing a field", payload: #"{"v":1,"id":7,"method":"test.echo","params":{"text":"x"}}"#, code: "bad_request", field: "params.number"),
        ErrorCase(name: "params not an object", payload: #"{"v":1,"id":7,"method":"test.echo","params":[1]}"#, code: "bad_request", field: "params"),
        ErrorCase(name: "no params where some are needed", payload: #"{"v":1,"id":7,"method":"test.echo"}"#, code: "bad_request", field: "params.text"),
        ErrorCase(name: "unsupported version", payload: #"{"v":2,"id":7,"method":"sys.health"}"#, code: "bad_request"),
        ErrorCase(name: "malformed ctx", payload: #"{"v":1,"id":7,"method":"sys.health","ctx":"oops"}"#, code: "bad_request", field: "ctx"),
        ErrorCase(name: "deadline already past", payload: #"{"v":1,"id":7,"method":"sys.health","ctx":{"correlation_id":"c","deadline_ms":1000}}"#, code: "deadline_exceeded"),
        ErrorCase(name: "a handler's own failure is withheld", payload: #"{"v":1,"id":7,"method":"test.fail"}"#, code: "internal"),
    ])
    func errorResponses(_ testCase: ErrorCase) async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        try await socket.sendFrame(testCase.payload)
        let response = try #require(await socket.readJSON())
        #expect(response["v"] as? Int == 1)
        #expect(response["id"] as? Int == 7)
        let error = try #require(response["error"] as? [String: Any])
        #expect(error["code"] as? String == testCase.code)
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect((error["message"] as? String)?.contains("hunter2") != true)
        if let field = testCase.field {
            #expect((error["details"] as? [String: Any])?["field"] as? String == field)
        }
        // Same connection, next request: still answered.
        try await socket.sendFrame(#"{"v":1,"id":8,"method":"sys.health","params":{}}"#)
        let next = try #require(await socket.readJSON())
        #expect(next["id"] as? Int == 8)
        #expect((next["result"] as? [String: Any])?["status"] as? String == "ok")
        try await harness.stop()
    }

    @Test("a request split across many writes is reassembled")
    func splitWrites() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        let frame = RawSocket.frame(Array(#"{"v":1,"id":11,"method":"test.echo","params":{"text":"split","number":3}}"#.utf8))
        for byte in frame {
            try await socket.send([byte])
        }
        let response = try #require(await socket.readJSON())
        #expect(response["id"] as? Int == 11)
        #expect((response["result"] as? [String: Any])?["text"] as? String == "split")
        try await harness.stop()
    }

    @Test("many frames in one write are all answered")
    func pipelinedWrite() async throws {
        let harness = try WireServerHarness()
        try await harness.start()
        let socket = try harness.rawSocket()
        var bytes: [UInt8] = []
        for id in 1...50 {
            bytes += RawSocket.frame(Array(#"{"v":1,"id":\#(id),"method":"test.echo","params":{"text":"n","number":\#(id)}}"#.utf8))
        }
        try await socket.send(bytes)
        var seen = Set<Int>()
        for _ in 1...50 {
            let response = try #require(await socket.readJSON())
            let id = try #require(response["id"] as? Int)
            #expect((response["result"] as? [String: Any])?["number"] as? Int == id)
            seen.insert(id)
        }
        #expect(seen == Set(1...50))
        try await harness.stop()
    }
}
