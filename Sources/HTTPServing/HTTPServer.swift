import HTTPTypes
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// An HTTP/1.1 server: NIO's codec, and a ``HTTPConnectionHandler`` per connection that
/// answers its requests in turn (keep-alive), each through a ``Responder``.
///
/// On graceful shutdown it stops accepting and quiesces every connection (NIO's
/// `ServerQuiescingHelper`): an idle one closes at once, a busy one after its answer; `run()`
/// returns once all are closed and no route is running. When its task is cancelled instead, the
/// routes still running are cancelled and every connection closes at once. Routes do not see
/// the server task's task-locals (they start inside a read, see ``HTTPConnectionHandler``).
public struct HTTPServer<Context: RequestContext>: Service {
    private let responder: HTTPResponding<Context>
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
        responder = HTTPResponding(responder: router.responder, logger: logger)
        self.host = host
        self.port = port
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
    }

    public func run() async throws {
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
        let routes = HTTPRouteTasks()
        let responder = self.responder
        let logger = self.logger
        let listener = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = ObjectIdentifier(channel)
                connections.withLock { $0[id] = channel }
                channel.closeFuture.whenComplete { _ in _ = connections.withLock { $0.removeValue(forKey: id) } }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    // Ordering and errors are the connection handler's: it answers a request that
                    // does not parse in its turn, behind the ones read before it.
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
                    try pipeline.addHandler(HTTPConnectionHandler(responder: responder, routes: routes, logger: logger))
                }
            }
            .bind(host: host, port: port)
            .get()
        let boundPort = listener.localAddress?.port ?? port
        logger.info("listening on \(host):\(boundPort)")
        await onListening(boundPort)

        let allClosed = listener.eventLoop.makePromise(of: Void.self)
        // Whichever way the listener closes, `allClosed` ends once its connections have too.
        listener.closeFuture.whenComplete { _ in quiescing.initiateShutdown(promise: allClosed) }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await allClosed.futureResult.get()
            } onGracefulShutdown: {
                quiescing.initiateShutdown(promise: nil)
            }
        } onCancel: {
            routes.cancelAll()
            quiescing.initiateShutdown(promise: nil)
            for channel in connections.withLock({ Array($0.values) }) {
                channel.pipeline.fireUserInboundEventTriggered(HTTPConnectionHandlerCancel())
            }
        }
        // A route whose client went away may still be running.
        await routes.waitUntilNoneRunning()
        logger.info("stopped listening on \(host):\(boundPort)")
    }
}

/// Turns a request's head and body into the router's answer, with the errors a route throws
/// made into plain-text answers; shared by every connection of a server.
struct HTTPResponding<Context: RequestContext>: Sendable {
    let responder: Responder<Context>
    let logger: Logger

    func respond(to head: HTTPRequestHead, body: RequestBody, remoteAddress: SocketAddress?) async -> Response {
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

    private static func plainText(_ error: HTTPError) -> Response {
        var headers = error.headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: error.status, headers: headers, body: ByteBuffer(string: error.message ?? error.status.reasonPhrase))
    }
}
