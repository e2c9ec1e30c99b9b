import NIOCore
import NIOHTTP1

/// The parts a connection receives, read by one task at a time: the connection's loop reads
/// each request's head, the route (run by that loop, awaited) reads its body, then the loop
/// skips whatever of the body the route left.
///
/// `@unchecked Sendable` because a request (and so its body) crosses into the route's
/// `async` code, yet the reads never overlap: the loop awaits the route before it reads again.
final class RequestPartReader: @unchecked Sendable {
    private var iterator: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator
    /// Whether the current request's `.end` has been read.
    private var bodyEnded = true

    init(_ iterator: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next request's head; nil when the peer closed the connection.
    func nextHead() async throws -> HTTPRequestHead? {
        try await skipBody()
        guard let part = try await iterator.next() else { return nil }
        guard case .head(let head) = part else { throw UnexpectedPart() }
        bodyEnded = false
        return head
    }

    /// The current request's next body chunk; nil after its end.
    func nextBodyChunk() async throws -> ByteBuffer? {
        guard !bodyEnded else { return nil }
        switch try await iterator.next() {
        case .body(let chunk):
            return chunk
        case .end:
            bodyEnded = true
            return nil
        case .head, nil:
            throw UnexpectedPart()
        }
    }

    /// Reads past what the route did not read of the current body.
    func skipBody() async throws {
        while try await nextBodyChunk() != nil {}
    }

    /// A part out of order: the codec guarantees head, body…, end.
    struct UnexpectedPart: Error {}
}
