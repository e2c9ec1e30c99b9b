import NIOCore
import Synchronization
import Testing

@testable import Gateway

@Suite struct UploadByteLimitTests {
    /// `chunks` as an async sequence of buffers, as a request body arrives.
    static func body(_ chunks: [String]) -> AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
            continuation.finish()
        }
    }

    static func drain(_ limit: UploadByteLimit<AsyncStream<ByteBuffer>>) async throws -> String {
        var text = ""
        for try await chunk in limit { text += String(buffer: chunk) }
        return text
    }

    @Test("the body passes unchanged, hashed only when asked")
    func hashing() async throws {
        let hashed = UploadByteLimit<AsyncStream<ByteBuffer>>.Counter(hashing: true)
        #expect(try await Self.drain(.init(base: Self.body(["ab", "c"]), maxBytes: 10, counter: hashed)) == "abc")
        // SHA-256 of "abc" (FIPS 180-2's first example).
        #expect(hashed.sha256Hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        let plain = UploadByteLimit<AsyncStream<ByteBuffer>>.Counter()
        #expect(try await Self.drain(.init(base: Self.body(["ab", "c"]), maxBytes: 10, counter: plain)) == "abc")
        #expect(plain.sha256Hex == nil)
        #expect(plain.bytes.load(ordering: .relaxed) == 3)
    }

    @Test("more bytes than allowed fail at the chunk that crosses the limit")
    func limit() async throws {
        let counter = UploadByteLimit<AsyncStream<ByteBuffer>>.Counter()
        await #expect(throws: UploadByteLimit<AsyncStream<ByteBuffer>>.Exceeded.self) {
            _ = try await Self.drain(.init(base: Self.body(["abcd", "efgh", "ijkl"]), maxBytes: 6, counter: counter))
        }
        #expect(counter.bytes.load(ordering: .relaxed) == 8)
    }
}
