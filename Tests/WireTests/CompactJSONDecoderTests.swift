import Foundation
import NIOCore
import Testing
@testable import Wire

/// `CompactJSONDecoder` reads what Foundation's `JSONDecoder` (with `.iso8601` dates) reads,
/// refuses what it refuses, and reports failures at the same coding paths.
@Suite struct CompactJSONDecoderTests {
    private func compact<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try CompactJSONDecoder().decode(type, from: Array(text.utf8))
    }

    private func foundation<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(text.utf8))
    }

    struct Everything: Codable, Equatable {
        var title: String
        var optionalAbsent: String?
        var optionalNull: Int?
        var optionalPresent: Int?
        var numbers: [Int64]
        var small: [UInt8]
        var doubles: [Double]
        var flags: [Bool]
        var when: Date
        var link: URL
        var blob: Data
        var nested: [Nested]
        var map: [String: Int]
        var free: JSONValue
        var matrix: [[Int]]
    }

    struct Nested: Codable, Equatable {
        var name: String
        var tags: [String]?
    }

    static let everything = #"""
        {
          "title": "Install \u203a Linux \"quoted\" \\ back\nline\ttab \u0001 \/ slash \ud83d\ude00 — ё",
          "optionalNull": null,
          "optionalPresent": 3,
          "numbers": [-1, 0, 9, 10, 9223372036854775807, -9223372036854775808, 1e2, 2.0],
          "small": [0, 255],
          "doubles": [0.5, 2, -0.25, 1e-7, 12345.678, 1.5E+3],
          "flags": [true, false],
          "when": "2025-11-24T16:00:00Z",
          "link": "https://example.com/a/b?c=d#L1-L2",
          "blob": "aGVsbG8=",
          "nested": [{"tags": ["a", "b"], "name": "out of order"}, {"name": "no tags"}],
          "map": {"one": 1, "two": 2, "": 0},
          "free": {"a": [1, 2.5, "x", null, true, {"b": {}}], "c": []},
          "matrix": [[1, 2], [], [3]]
        }
        """#

    @Test("a document using every kind of value decodes exactly as JSONDecoder decodes it")
    func sameValues() throws {
        let ours = try compact(Everything.self, Self.everything)
        #expect(ours == (try foundation(Everything.self, Self.everything)))
        #expect(ours.title.hasSuffix("😀 — ё"))
        #expect(ours.numbers.suffix(2) == [100, 2])
        #expect(ours.nested[0].name == "out of order")
    }

    @Test("Wire envelopes round-trip through the compact encoder and decoder")
    func roundTrip() throws {
        let user = User(
            telegramID: 42, username: "ann", firstName: "Анна", languageCode: "ru", role: .admin, status: .active,
            preferredKnowledgeBaseID: 7, createdAt: Date(timeIntervalSince1970: 1_764_000_000),
            lastSeenAt: Date(timeIntervalSince1970: 1_764_000_100))
        let bytes = try CompactJSONEncoder().encode(user)
        #expect(try CompactJSONDecoder().decode(User.self, from: bytes) == user)
    }

    @Test(
        "text that is not JSON is refused by both decoders",
        arguments: [
            "", " ", "{", "}", "[1 2]", #"{"a" 1}"#, #"{a:1}"#, "01", "-", "1.", ".5", "1e", "+1", "tru", "nul",
            "\"abc", "\"a\u{01}b\"", #""\x""#, #""\u12""#, "[1] x", "{} {}", "NaN", "'a'", #""\ud83d""#, #""\ude00""#,
            #""\ud83dx""#, #""\ud83d\u0041""#,
        ])
    func refusesNonJSON(_ text: String) {
        #expect(throws: DecodingError.self) { try compact(JSONValue.self, text) }
        #expect(throws: (any Error).self) { try foundation(JSONValue.self, text) }
    }

    @Test("trailing commas, which JSONDecoder lets through, are refused (RFC 8259)")
    func refusesTrailingCommas() {
        #expect(throws: DecodingError.self) { try compact(JSONValue.self, "[1,]") }
        #expect(throws: DecodingError.self) { try compact(JSONValue.self, #"{"a":1,}"#) }
    }

    @Test("invalid UTF-8 in a string is refused")
    func refusesInvalidUTF8() throws {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x22], [0x22, 0xE0, 0x80, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xFF, 0x22]] {
            #expect(throws: DecodingError.self) { try CompactJSONDecoder().decode(String.self, from: bytes) }
        }
        #expect(try CompactJSONDecoder().decode(String.self, from: [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]) == "😀")
    }

    @Test("nesting deeper than 512 levels is refused, not a stack overflow")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) { try compact(JSONValue.self, deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        _ = try compact(JSONValue.self, fine)
    }

    /// The dotted path `WireFieldPath` makes of an error, from either decoder.
    private func paths<Value: Decodable>(_ type: Value.Type, _ text: String) -> (ours: String?, theirs: String?) {
        var ours: String?
        var theirs: String?
        do { _ = try compact(type, text) } catch { ours = WireFieldPath.of(error) }
        do { _ = try foundation(type, text) } catch { theirs = WireFieldPath.of(error) }
        return (ours, theirs)
    }

    @Test(
        "a failure names the same field as JSONDecoder does",
        arguments: [
            #"{"title":"t"}"#,  // keyNotFound at the top
            #"{"name": 5}"#,
            #"{"name": null}"#,
            #"{"name": "n", "tags": ["a", 3]}"#,
            #"{"name": "n", "tags": "a"}"#,
        ])
    func samePaths(_ text: String) {
        let result = paths(Nested.self, text)
        #expect(result.ours == result.theirs, "\(text)")
        #expect(result.ours != nil)
    }

    @Test("deep failures: wrong type in an array of objects, integer overflow, bad date")
    func deepPaths() {
        struct Outer: Decodable {
            var items: [Nested]
            var count: Int8?
            var at: Date?
        }
        #expect(paths(Outer.self, #"{"items": [{"name": "a"}, {"name": 1}]}"#).ours == "items.1.name")
        #expect(paths(Outer.self, #"{"items": [{"name": "a"}, {"name": 1}]}"#).theirs == "items.1.name")
        // Foundation reports an overflowing integer and an unreadable date without the field's
        // path; ours names the field, which is what `WireFieldPath` needs for a 422.
        #expect(paths(Outer.self, #"{"items": [], "count": 300}"#).ours == "count")
        #expect(paths(Outer.self, #"{"items": [], "at": "yesterday"}"#).ours == "at")
    }

    @Test("numbers: exact integers from any spelling, fractions refused for integers, ranges checked")
    func numbers() throws {
        #expect(try compact(Int.self, "-0") == 0)
        #expect(try compact(Int.self, "1.0e1") == 10)
        #expect(try compact(UInt8.self, "255") == 255)
        #expect(throws: DecodingError.self) { try compact(UInt8.self, "256") }
        #expect(throws: DecodingError.self) { try compact(UInt.self, "-1") }
        #expect(throws: DecodingError.self) { try compact(Int.self, "1.5") }
        #expect(throws: DecodingError.self) { try compact(Int64.self, "9223372036854775808") }
        // Whole numbers written with a fraction or exponent are read exactly, even past 2^53,
        // where a Double would round them.
        #expect(try compact(Int64.self, "9007199254740993.0") == 9_007_199_254_740_993)
        #expect(try compact(UInt64.self, "1.8446744073709551615e19") == UInt64.max)
        #expect(throws: DecodingError.self) { try compact(Int64.self, "4503599627370495.2") }
        #expect(throws: DecodingError.self) { try compact(Int64.self, "1e19") }
        // A subnormal, parsed as Double parses it (a literal would warn about lost precision).
        #expect(try compact(Double.self, "1e-320") == Double("1e-320"))
        #expect(throws: DecodingError.self) { try compact(Double.self, "1e400") }
        #expect(try compact(Decimal.self, "12.50") == Decimal(string: "12.50"))
    }

    /// Asks for the same key twice and for keys out of written order, as `decodeIfPresent`
    /// helpers built on `contains` do.
    struct Probing: Decodable, Equatable {
        var a: Int?
        var b: String
        var c: Bool

        enum CodingKeys: String, CodingKey { case a, b, c }

        init(a: Int?, b: String, c: Bool) { (self.a, self.b, self.c) = (a, b, c) }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            c = try container.decode(Bool.self, forKey: .c)
            a = try container.contains(.a) && !container.decodeNil(forKey: .a) ? container.decode(Int.self, forKey: .a) : nil
            b = try container.decode(String.self, forKey: .b)
        }
    }

    @Test("keys asked again, out of order, or written with escapes are found; an equivalent spelling is not")
    func keyLookups() throws {
        #expect(try compact(Probing.self, #"{"a": 1, "b": "x", "c": true}"#) == Probing(a: 1, b: "x", c: true))
        #expect(try compact(Probing.self, #"{"b": "x", "a": null, "c": false}"#) == Probing(a: nil, b: "x", c: false))
        #expect(try compact(Probing.self, #"{"\u0062": "x", "c": true}"#) == Probing(a: nil, b: "x", c: true))
        // "é" as e + U+0301 is canonically equivalent to U+00E9, but it is not the same key.
        struct Accented: Decodable { var é: Int? }
        #expect(try compact(Accented.self, #"{"e\u0301": 1}"#).é == nil)
        #expect(try compact(Accented.self, #"{"\u00e9": 1}"#).é == 1)
    }

    @Test("a ByteBuffer's readable bytes are what is decoded")
    func byteBuffer() throws {
        var buffer = ByteBuffer(string: "xx[1,2]")
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(try CompactJSONDecoder().decode([Int].self, from: buffer) == [1, 2])
    }
}

/// Mutated documents, from a fixed seed: the decoder never traps, anything it accepts is JSON
/// that Foundation accepts too, with the same value, and it refuses only what Foundation
/// refuses, apart from trailing commas.
@Suite struct CompactJSONDecoderMutationTests {
    /// SplitMix64: the same mutations on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [String] = [
        CompactJSONDecoderTests.everything,
        #"{"v":1,"id":7,"method":"users.get","params":{"telegram_id":42},"ctx":{"correlation_id":"c-1","deadline_ms":1}}"#,
        #"[{"a":[1,-2.5e3,true,null,"\u00e9\n"]},{},[],"x"]"#,
    ]

    static let alphabet = Array(#"{}[]:,"\ -+.eE0123456789tfnaulsrux"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xA9, 0xFF, 0xED, 0xA0]

    @Test("10,000 mutated documents: no trap, and the same verdicts and values as Foundation")
    func mutations() throws {
        var random = SeededGenerator(state: 2026)
        var accepted = 0
        for round in 0..<10_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = Self.alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: index)
                }
                if bytes.isEmpty { bytes = [0x30] }
            }
            guard let ours = try? CompactJSONDecoder().decode(JSONValue.self, from: bytes) else {
                // Refused here: Foundation must refuse it too, unless the only difference is
                // trailing commas: without them, both must read the same value.
                if let theirs = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) {
                    let text = String(decoding: bytes, as: UTF8.self).debugDescription
                    let withoutTrailingCommas = Self.removingTrailingCommas(bytes)
                    #expect(withoutTrailingCommas != bytes, "refused by CompactJSONDecoder only: \(text)")
                    #expect(
                        (try? CompactJSONDecoder().decode(JSONValue.self, from: withoutTrailingCommas)) == theirs,
                        "refused by CompactJSONDecoder for more than a trailing comma: \(text)")
                }
                continue
            }
            accepted += 1
            let theirs = try #require(
                try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
                "accepted by CompactJSONDecoder only: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(ours == theirs, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 100, "the mutations should leave some documents valid")
    }

    /// `bytes` without the commas that only a closing `]` or `}` follows, outside strings.
    static func removingTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        var result: [UInt8] = []
        var inString = false
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: ","),
                let next = bytes[(index + 1)...].first(where: { !whitespace.contains($0) }),
                next == UInt8(ascii: "]") || next == UInt8(ascii: "}")
            {
                continue
            }
            result.append(byte)
        }
        return result
    }
}
