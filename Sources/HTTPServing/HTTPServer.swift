import HTTPTypes
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// An HTTP/1.1 server: NIO's codec, one task per connection answering its requests in turn
/// (keep-alive), each through a ``Responder``.
///
/// On graceful shutdown it stops accepting and quiesces every connection (NIO's
/// `ServerQuiescingHelper` and HTTP pipeline handler): an idle one closes at once, a busy one
/// after its response; then it returns.
public struct HTTPServer<Context: RequestContext>: Service {
    private let responder: Responder<Context>
    private let host: String
    private let port: Int
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let onListening: @Sendable (Int) async -> Void

    /// - Parameter onListening: called with the bound port (useful with port 0) once the
    ///   server accepts connections.
    public init(
        router: Router<Context>, host: String, port: Int, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        responder = router.responder
        self.host = host
        self.port = port
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
    }

    public func run() async throws {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let listener = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = listener.channel.localAddress?.port ?? port
        logger.info("listening on \(host):\(boundPort)")
        await onListening(boundPort)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await serve(connection) }
                        }
                    }
                } catch {
                    logger.debug("http server stopped accepting", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
        logger.info("stopped listening on \(host):\(boundPort)")
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        let channel = connection.channel
        do {
            try await connection.executeThenClose { inbound, outbound in
                let reader = RequestPartReader(inbound.makeAsyncIterator())
                while let head = try await reader.nextHead() {
                    let response = await respond(to: head, body: reader.currentBody, remoteAddress: channel.remoteAddress)
                    // What the route left of a body is skipped before the next request, when it
                    // is small; a large or open-ended one closes the connection instead.
                    let keepAlive = head.isKeepAlive && (reader.bodyEnded || Self.declaredLength(head) <= Self.maximumSkippedBody)
                    try await outbound.write(contentsOf: Self.parts(of: response, for: head, keepAlive: keepAlive))
                    guard keepAlive else { return }
                }
            }
        } catch {
            logger.debug("http connection closed", metadata: ["error": "\(error)"])
        }
    }

    private func respond(to head: HTTPRequestHead, body: RequestBody, remoteAddress: SocketAddress?) async -> Response {
        guard let method = HTTPRequest.Method(head.method.rawValue) else {
            return Self.plainText(HTTPError(.badRequest, message: "unknown method"))
        }
        let request = Request(method: method, uri: RequestURI(head.uri), headers: HTTPFields(head.headers), body: body)
        let context = Context(source: RequestContextSource(logger: logger, remoteAddress: remoteAddress))
        do {
            return try await responder.respond(to: request, context: context)
        } catch let error as HTTPError {
            return Self.plainText(error)
        } catch is NIOTooManyBytesError {
            return Self.plainText(HTTPError(.contentTooLarge))
        } catch {
            logger.error("request failed", metadata: ["method": "\(method.rawValue)", "path": "\(request.uri.path)", "error": "\(error)"])
            return Self.plainText(HTTPError(.internalServerError))
        }
    }

    /// The most bytes of an unread body skipped to keep the connection.
    static var maximumSkippedBody: Int { 64 * 1024 }

    /// The body's `Content-Length`; unbounded when chunked or missing on a body.
    private static func declaredLength(_ head: HTTPRequestHead) -> Int {
        head.headers.first(name: "content-length").flatMap(Int.init) ?? (head.headers.contains(name: "transfer-encoding") ? .max : 0)
    }

    private static func plainText(_ error: HTTPError) -> Response {
        var headers = error.headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: error.status, headers: headers, body: ByteBuffer(string: error.message ?? error.status.reasonPhrase))
    }

    private static func parts(of response: Response, for request: HTTPRequestHead, keepAlive: Bool) -> [HTTPServerResponsePart] {
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "content-length", value: String(response.body.readableBytes))
        if !keepAlive {
            headers.replaceOrAdd(name: "connection", value: "close")
        }
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: response.status.code), headers: headers)
        // A HEAD answer has the GET answer's headers, Content-Length included, and no body.
        guard request.method != .HEAD else { return [.head(head), .end(nil)] }
        return [.head(head), .body(.byteBuffer(response.body)), .end(nil)]
    }
}
