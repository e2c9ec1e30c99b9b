import HTTPTypes
import NIOCore

/// A request as a route sees it: method, target, headers, and a body to read once.
public struct Request: Sendable {
    public var method: HTTPRequest.Method
    public var uri: RequestURI
    public var headers: HTTPFields
    public var body: RequestBody

    public init(method: HTTPRequest.Method, uri: RequestURI, headers: HTTPFields, body: RequestBody) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// Reads the whole body (throwing `NIOTooManyBytesError` past `maxBytes`) and keeps it,
    /// so that whoever runs next can read it again.
    public mutating func collectBody(upTo maxBytes: Int) async throws -> ByteBuffer {
        let collected = try await body.collect(upTo: maxBytes)
        body = RequestBody(buffer: collected)
        return collected
    }
}
