import NIOCore
import NIOHTTP1

extension HTTPClientRequest {
    /// The request as NIO's encoder writes it to `url`'s server.
    func parts(for url: RequestURL) -> [HTTPClientRequestPart] {
        var headers = headers
        headers.replaceOrAdd(name: "Host", value: url.hostHeader)
        // One request per connection: the server may close after answering.
        headers.replaceOrAdd(name: "Connection", value: "close")
        headers.remove(name: "Transfer-Encoding")
        if let body {
            headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        } else if [.POST, .PUT, .PATCH].contains(method) {
            // Without a length NIO would announce a chunked body.
            headers.replaceOrAdd(name: "Content-Length", value: "0")
        } else {
            headers.remove(name: "Content-Length")
        }
        var parts: [HTTPClientRequestPart] = [
            .head(HTTPRequestHead(version: .http1_1, method: method, uri: url.pathAndQuery, headers: headers))
        ]
        if let body, body.readableBytes > 0 { parts.append(.body(.byteBuffer(body))) }
        parts.append(.end(nil))
        return parts
    }
}
