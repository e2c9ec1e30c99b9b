import HTTPServing
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOPosix

/// A response as a test reads it.
public struct TestResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: ByteBuffer
}

/// Sends requests to a server a test runs on 127.0.0.1, one connection per request.
public struct TestHTTPClient: Sendable {
    public let port: Int

    public init(port: Int) {
        self.port = port
    }

    public func execute(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var fields = HTTPHeaders(headers)
            fields.replaceOrAdd(name: "host", value: "127.0.0.1:\(port)")
            fields.replaceOrAdd(name: "connection", value: "close")
            if let body, fields["content-length"].isEmpty {
                fields.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
            }
            let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method.rawValue), uri: uri, headers: fields)
            var parts: [HTTPClientRequestPart] = [.head(head)]
            if let body { parts.append(.body(.byteBuffer(body))) }
            parts.append(.end(nil))
            try await outbound.write(contentsOf: parts)

            var response: HTTPResponseHead?
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let head):
                    response = head
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    guard let response else { throw IncompleteResponse() }
                    return TestResponse(
                        status: HTTPResponse.Status(code: Int(response.status.code)), headers: HTTPFields(response.headers), body: collected)
                }
            }
            throw IncompleteResponse()
        }
    }

    /// Sends the request and hands the response to `check`.
    @discardableResult
    public func execute<Value>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        _ check: (TestResponse) async throws -> Value
    ) async throws -> Value {
        try await check(try await execute(uri: uri, method: method, headers: headers, body: body))
    }

    /// The connection closed before a whole response came.
    public struct IncompleteResponse: Error {}
}
