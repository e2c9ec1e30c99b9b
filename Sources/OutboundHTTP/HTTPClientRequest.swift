import NIOCore
import NIOHTTP1

/// One request: where to, which method, headers, and an optional body.
///
/// `Host`, `Content-Length` and `Connection` are set by the client when it sends the request.
public struct HTTPClientRequest: Sendable {
    /// An `http://` or `https://` URL; an IPv6 address goes in brackets.
    public var url: String
    public var method: HTTPMethod
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(url: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}
