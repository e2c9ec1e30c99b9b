import NIOHTTP1

/// A response while its connection is open: the head, and the body still to be read.
///
/// Only valid inside the closure given to `HTTPClient.execute`, which closes the connection
/// when it returns.
public struct HTTPClientResponse {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public let body: Body

    init(head: HTTPResponseHead, reader: ResponsePartReader) {
        status = head.status
        headers = head.headers
        body = Body(reader: reader, declaredLength: head.headers.first(name: "Content-Length").flatMap { Int($0) })
    }
}

/// The body reads from the connection of the task that made the request.
@available(*, unavailable)
extension HTTPClientResponse: Sendable {}
