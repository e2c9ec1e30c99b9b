import NIOCore

/// A request's body: chunks as they arrive from the connection, or bytes already read.
///
/// Read it once, while the route runs: it is the connection's own stream, and the server
/// reads on to the next request once the route has answered.
public struct RequestBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case buffer(ByteBuffer)
        case stream(RequestPartReader, generation: Int)
    }

    let source: Source

    init(_ source: Source) {
        self.source = source
    }

    public init(buffer: ByteBuffer) {
        source = .buffer(buffer)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var source: Source?

        public mutating func next() async throws -> ByteBuffer? {
            switch source {
            case nil:
                return nil
            case .buffer(let buffer):
                source = nil
                return buffer.readableBytes > 0 ? buffer : nil
            case .stream(let reader, let generation):
                return try await reader.nextBodyChunk(of: generation)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: source)
    }

    /// The whole body in one buffer; throws `NIOTooManyBytesError` past `maxBytes`.
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        if case .buffer(let buffer) = source {
            guard buffer.readableBytes <= maxBytes else { throw NIOTooManyBytesError(maxBytes: maxBytes) }
            return buffer
        }
        var collected = ByteBuffer()
        for try await chunk in self {
            guard collected.readableBytes + chunk.readableBytes <= maxBytes else { throw NIOTooManyBytesError(maxBytes: maxBytes) }
            var chunk = chunk
            collected.writeBuffer(&chunk)
        }
        return collected
    }
}
