import NIOCore
import NIOHTTP1

/// Reads one response's parts off its connection, and tells the ways a read can end early
/// apart: the deadline closed the connection, the task was cancelled, the server hung up.
final class ResponsePartReader {
    private var parts: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let deadline: NIODeadline
    /// A TLS error that ended the connection, if one did.
    private let tlsFailure: TLSFailure
    /// The response's `.end` was read: nothing more to come.
    private(set) var isFinished = false

    init(inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>, deadline: NIODeadline, tlsFailure: TLSFailure) {
        parts = inbound.makeAsyncIterator()
        self.deadline = deadline
        self.tlsFailure = tlsFailure
    }

    /// The response head; NIO's decoder has already dropped any 1xx.
    func head() async throws(HTTPClient.Error) -> HTTPResponseHead {
        switch try await nextPart() {
        case .head(let head): return head
        case .body, .end: throw .transport("the response did not start with a head")
        }
    }

    /// The next piece of the body, or nil after its end.
    func nextBodyChunk() async throws(HTTPClient.Error) -> ByteBuffer? {
        guard !isFinished else { return nil }
        switch try await nextPart() {
        case .body(let chunk):
            return chunk
        case .end:
            isFinished = true
            return nil
        case .head:
            throw .transport("a second response head")
        }
    }

    private func nextPart() async throws(HTTPClient.Error) -> HTTPClientResponsePart {
        let part: HTTPClientResponsePart?
        do {
            part = try await parts.next()
        } catch {
            throw failure(error)
        }
        guard let part else { throw failure(nil) }
        return part
    }

    /// What an I/O error, or the connection's end (`nil`), means for this request.
    func failure(_ error: (any Error)?) -> HTTPClient.Error {
        if NIODeadline.now() >= deadline { return .deadlineExceeded }
        if Task.isCancelled { return .cancelled }
        // The TLS error itself, not the closed channel it leaves behind.
        if let reason = tlsFailure.description { return .transport(reason) }
        guard let error else { return .connectionClosed }
        if let error = error as? HTTPClient.Error { return error }
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .eof || error == .outputClosed {
            return .connectionClosed
        }
        // NIO's decoder saw the connection end inside a head or before a body's last byte.
        if let error = error as? HTTPParserError, error == .invalidEOFState { return .connectionClosed }
        return .transport("\(error)")
    }
}
