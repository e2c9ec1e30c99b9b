import NIOCore
import NIOHTTP1
import Synchronization

/// The parts a connection receives: the connection's loop reads each request's head, the
/// route (which the loop awaits) reads that request's body.
///
/// `@unchecked Sendable` because a request, and so its body, crosses into the route's
/// `async` code. The iterator is only touched inside ``read(_:)``, which an atomic flag keeps
/// to one caller at a time (an overlapping read throws instead of racing), and a body reads
/// only while its request is the current one, so a body kept past its route cannot read the
/// next request's bytes.
final class RequestPartReader: @unchecked Sendable {
    private var iterator: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator
    private let reading = Atomic(false)
    /// Counts the requests read; a body belongs to the request it was made for.
    private let generation = Atomic(0)
    /// Whether the current request's `.end` has been read.
    private let ended = Atomic(true)

    init(_ iterator: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator) {
        self.iterator = iterator
    }

    /// Whether the current request's body has been read to its end.
    var bodyEnded: Bool { ended.load(ordering: .acquiring) }

    /// The current request's body.
    var currentBody: RequestBody {
        RequestBody(.stream(self, generation: generation.load(ordering: .acquiring)))
    }

    /// The next request's head, after what is left of the current body; nil when the peer
    /// closed the connection (or it was quiesced).
    func nextHead() async throws -> HTTPRequestHead? {
        while try await nextBodyChunk(of: generation.load(ordering: .acquiring)) != nil {}
        guard let part = try await read({ try await $0.next() }) else { return nil }
        guard case .head(let head) = part else { throw UnexpectedPart() }
        generation.add(1, ordering: .releasing)
        ended.store(false, ordering: .releasing)
        return head
    }

    /// The next chunk of request `owner`'s body; nil after its end.
    func nextBodyChunk(of owner: Int) async throws -> ByteBuffer? {
        guard owner == generation.load(ordering: .acquiring) else { throw BodyOutlivedRequest() }
        guard !ended.load(ordering: .acquiring) else { return nil }
        switch try await read({ try await $0.next() }) {
        case .body(let chunk):
            return chunk
        case .end:
            ended.store(true, ordering: .releasing)
            return nil
        case .head, nil:
            throw UnexpectedPart()
        }
    }

    private func read(
        _ next: (inout NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator) async throws -> HTTPServerRequestPart?
    ) async throws -> HTTPServerRequestPart? {
        guard reading.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { throw OverlappingRead() }
        defer { reading.store(false, ordering: .releasing) }
        return try await next(&iterator)
    }

    /// A part out of order: the codec guarantees head, body…, end.
    struct UnexpectedPart: Error {}
    /// Two reads at once, from two tasks.
    struct OverlappingRead: Error {}
    /// A body read after its route answered.
    struct BodyOutlivedRequest: Error {}
}
