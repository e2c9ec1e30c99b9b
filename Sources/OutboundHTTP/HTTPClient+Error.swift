extension HTTPClient {
    /// Why a request got no (whole) response.
    public enum Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The URL is not an `http://` or `https://` URL with a host.
        case badURL(String)
        /// No connection: nothing listens, the host does not resolve, the network is unreachable.
        case connectFailed(String)
        /// Connecting took longer than the configured connect timeout.
        case connectTimeout
        /// The exchange took longer than the request's timeout.
        case deadlineExceeded
        /// The connection failed after it was made: reset, or a TLS handshake that failed.
        case transport(String)
        /// The server closed the connection before the whole response came.
        case connectionClosed
        /// The body is longer than the reader's limit.
        case tooManyBytes(limit: Int)
        /// The task making the request was cancelled.
        case cancelled

        public var description: String {
            switch self {
            case .badURL(let url): "not an http:// or https:// URL with a host: \(url)"
            case .connectFailed(let reason): "cannot connect: \(reason)"
            case .connectTimeout: "connect timed out"
            case .deadlineExceeded: "no whole response within the request's timeout"
            case .transport(let reason): "the connection failed: \(reason)"
            case .connectionClosed: "the server closed the connection before the whole response"
            case .tooManyBytes(let limit): "the response body is larger than \(limit) bytes"
            case .cancelled: "the request was cancelled"
            }
        }
    }
}
