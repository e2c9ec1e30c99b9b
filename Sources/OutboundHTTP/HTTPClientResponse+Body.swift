import NIOCore

extension HTTPClientResponse {
    /// The body of a response, read from the connection.
    public struct Body {
        let reader: ResponsePartReader
        /// The `Content-Length` the server announced, if any.
        let declaredLength: Int?

        /// Reads the rest of the body, refusing more than `limit` bytes: at once when
        /// `Content-Length` announces more, otherwise as soon as more has come.
        public func collect(upTo limit: Int) async throws(HTTPClient.Error) -> ByteBuffer {
            if let declaredLength, declaredLength > limit { throw .tooManyBytes(limit: limit) }
            var collected = ByteBuffer()
            collected.reserveCapacity(declaredLength ?? 0)
            while var chunk = try await reader.nextBodyChunk() {
                guard collected.readableBytes + chunk.readableBytes <= limit else { throw .tooManyBytes(limit: limit) }
                collected.writeBuffer(&chunk)
            }
            return collected
        }
    }
}

@available(*, unavailable)
extension HTTPClientResponse.Body: Sendable {}
