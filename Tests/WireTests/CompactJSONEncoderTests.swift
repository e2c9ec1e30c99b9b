import Foundation
import NIOCore
import Testing
@testable import Wire

@Suite struct CompactJSONEncoderTests {
    private func text(_ value: some Encodable) throws -> String {
        String(buffer: try CompactJSONEncoder().encode(value))
    }

    /// What Foundation's JSONEncoder (as Wire configured it before) makes of `value`, parsed.
    private func foundationObject(_ value: some Encodable) throws -> NSObject {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try JSONSerialization.jsonObject(with: encoder.encode(value), options: [.fragmentsAllowed]) as! NSObject
    }

    private func compactObject(_ value: some Encodable) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(text(value).utf8), options: [.fragmentsAllowed]) as! NSObject
    }

    struct Envelope: Encodable {
        var v = 1
        var id: UInt64 = 42
        var method = "users.get"
        var params: Nested
        var ctx = WireContext(correlationID: "req-1", telegramID: 7, deadlineMs: 1_700_000_000_000)
    }

    struct Nested: Encodable {
        var title = "Install › Linux \"quoted\" \\ back\nline\ttab \u{01} / slash"
        var optionalAbsent: String? = nil
        var optionalPresent: Int? = 3
        var numbers: [Int64] = [-1, 0, 9, 10, Int64.max, Int64.min]
        var doubles: [Double] = [0.5, 2, -0.25, 1e-7, 12345.678]
        var flags = [true, false]
        var when = Date(timeIntervalSince1970: 1_764_000_000)
        var link = URL(string: "https://example.com/a/b?c=d#L1-L2")!
        var empty = EmptyValue()
        var deep: [[String]] = [["a"], [], ["b", "c"]]
        var json: JSONValue = .object(["k": .array([.int(1), .string("x"), .null, .bool(true)])])
        /// Member names that need escaping take the slow path of `memberName`.
        var oddKeys: [String: UInt8] = ["quote\"back\\slash\nline": 1, "plain": 255]
    }

    struct EmptyValue: Encodable {}

    @Test("keys come out in the order the value encodes them: the canonical envelope prefix holds")
    func keyOrder() throws {
        let output = try text(Envelope(params: Nested()))
        #expect(output.hasPrefix(#"{"v":1,"id":42,"method":"users.get","params":{"title":"#))
        let frame = try CompactJSONEncoder().encode(Envelope(params: Nested()))
        #expect(WireEnvelopePrefix.request(frame)?.id == 42)
        #expect(WireEnvelopePrefix.request(frame)?.method == "users.get")
    }

    @Test("the same JSON as Foundation's encoder, value for value")
    func matchesFoundation() throws {
        let value = Envelope(params: Nested())
        #expect(try compactObject(value) == foundationObject(value))
    }

    @Test func escapes() throws {
        #expect(try text("a\"b\\c\nd\u{1F}e/é") == #""a\"b\\c\nd\u001fe/é""#)
    }

    @Test func numbersAndLiterals() throws {
        #expect(try text([1.0, 1.5, -3.0]) == "[1,1.5,-3]")
        #expect(try text(Optional<Int>.none) == "null")
        #expect(try text(EmptyValue()) == "{}")
        #expect(try text([String: Int]()) == "{}")
        #expect(try text([Int]()) == "[]")
    }

    @Test("non-finite numbers are refused, as JSON cannot carry them")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try text([Double.nan]) }
        #expect(throws: EncodingError.self) { try text(["x": Double.infinity]) }
    }

    /// A hand-written conformance using nested containers and a super encoder.
    struct HandWritten: Encodable {
        enum Keys: String, CodingKey { case a, inner, list, tail }
        enum InnerKeys: String, CodingKey { case x, y }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            var inner = container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            try inner.encode("x", forKey: .x)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            var nestedInList = list.nestedContainer(keyedBy: InnerKeys.self)
            try nestedInList.encode(true, forKey: .y)
            try list.encode(2)
            try "s".encode(to: container.superEncoder())
            try container.encode("end", forKey: .tail)
        }
    }

    @Test("nested containers close before the next member")
    func nestedContainers() throws {
        #expect(try text(HandWritten()) == #"{"a":1,"inner":{"x":"x"},"list":[1,{"y":true},2],"super":"s","tail":"end"}"#)
        #expect(try compactObject(HandWritten()) == foundationObject(HandWritten()))
    }
}
