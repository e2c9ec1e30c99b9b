import NIOCore

/// A request's body: chunks as they arrive from the connection, or bytes already read.
///
/// Read it once, while the route runs: it is the connection's own stream, and the server
/// reads on to the next request once the route has answered.
public struct RequestBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case buffer(ByteBuffer)
        case stream(StreamedRequestBody)
    }

    let source: Source

    init(_ source: Source) {
        self.source = source
    }

    public init(buffer: ByteBuffer) {
        source = .buffer(buffer)
    }

    /// A streamed body read a second time: its chunks went to the first reader.
    public struct ReadTwice: Error {}
    /// A streamed body read after its request was answered: the connection has moved on.
    public struct OutlivedRequest: Error {}

    public struct AsyncIterator: AsyncIteratorProtocol {
        enum State {
            case buffer(ByteBuffer)
            case stream(StreamedRequestBody.Producer.AsyncIterator)
            case unreadable(any Error)
            case done
        }

        var state: State

        public mutating func next() async throws -> ByteBuffer? {
            switch state {
            case .done:
                return nil
            case .buffer(let buffer):
                state = .done
                return buffer.readableBytes > 0 ? buffer : nil
            case .unreadable(let error):
                state = .done
                throw error
            case .stream(let iterator):
                // The iterator is a reference underneath: a copy reads the same stream.
                state = .done
                guard let chunk = try await iterator.next() else { return nil }
                state = .stream(iterator)
                return chunk
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .buffer(let buffer):
            return AsyncIterator(state: .buffer(buffer))
        case .stream(let body):
            guard let iterator = body.takeIterator() else { return AsyncIterator(state: .unreadable(ReadTwice())) }
            return AsyncIterator(state: .stream(iterator))
        }
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
