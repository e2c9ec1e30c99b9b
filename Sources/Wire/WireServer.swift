import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves Wire requests on a Unix socket: many connections, many requests in flight on each,
/// answered in whatever order they finish.
///
/// It answers `sys.health` and `sys.info` itself, enforces each request's deadline, and on
/// graceful shutdown stops accepting, finishes the requests already in flight, then closes.
public final class WireServer: Service {
    public struct Configuration: Sendable {
        /// Where to listen. A stale socket file is replaced; a live one is an error.
        public var socketPath: String
        /// The service's name, as `sys.health` and `sys.info` report it.
        public var serviceName: String
        public var version: String
        /// `WIRE_MAX_FRAME`: the largest frame accepted, in bytes.
        public var maxFrameLength: Int

        public init(socketPath: String, serviceName: String, version: String = "0.1.0", maxFrameLength: Int = WireFraming.defaultMaxFrameLength) {
            self.socketPath = socketPath
            self.serviceName = serviceName
            self.version = version
            self.maxFrameLength = maxFrameLength
        }
    }

    /// Why a server could not start.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// Another live process is listening on the socket path.
        case socketInUse(path: String)
        /// The socket path is longer than a Unix socket address allows.
        case socketPathTooLong(path: String)

        public var description: String {
            switch self {
            case .socketInUse(let path): "another process is already serving \(path)"
            case .socketPathTooLong(let path): "socket path is too long for a Unix socket (max 103 bytes): \(path)"
            }
        }
    }

    private let configuration: Configuration
    private let handlers: WireHandlerTable
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let stats = WireServerStats()

    public init(
        configuration: Configuration,
        handlers: WireHandlerTable,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        var table = handlers
        Self.registerSystemMethods(in: &table, configuration: configuration, stats: stats)
        self.handlers = table
    }

    /// Requests being handled right now.
    public var inFlightCount: Int { stats.inFlightCount }

    public func run() async throws {
        let path = configuration.socketPath
        try await Self.claimSocketPath(path, eventLoopGroup: eventLoopGroup)
        let maxFrameLength = configuration.maxFrameLength
        let serverChannel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .bind(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try WireFraming.addHandlers(to: channel.pipeline.syncOperations, maxFrameLength: maxFrameLength)
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        defer { unlink(path) }
        logger.info("wire server listening", metadata: ["socket": "\(path)", "methods": "\(handlers.methodNames.count)"])

        await withDiscardingTaskGroup { group in
            do {
                try await serverChannel.executeThenClose { connections in
                    for try await connection in connections.cancelOnGracefulShutdown() {
                        group.addTask { await self.serve(connection) }
                    }
                }
            } catch {
                logger.error("wire server stopped accepting", metadata: ["error": "\(error)"])
            }
            // Leaving the loop closed the listening socket; the group now waits for the
            // open connections to finish what they are doing.
        }
        logger.info("wire server stopped", metadata: ["socket": "\(path)"])
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let channel = connection.channel
        do {
            // Responses are written straight to the channel as each finishes (any order,
            // matched by id), not through the async writer: one hop fewer per request.
            try await connection.executeThenClose { frames, _ in
                try await withThrowingDiscardingTaskGroup { requests in
                    for try await frame in frames.cancelOnGracefulShutdown() {
                        guard let (id, method) = Self.address(of: frame) else {
                            // Without an id there is nobody to answer: the peer is not speaking Wire.
                            logger.warning("unreadable wire frame, closing connection", metadata: ["bytes": "\(frame.readableBytes)"])
                            return
                        }
                        stats.requestStarted()
                        requests.addTask {
                            let exchange = WireExchange(id: id, method: (try? method.get()) ?? "", channel: channel, logger: self.logger)
                            await self.handle(frame, method: method, exchange: exchange)
                            self.stats.requestFinished()
                        }
                    }
                }
            }
        } catch {
            logger.debug("wire connection closed", metadata: ["error": "\(error)"])
        }
    }

    /// The request's id and method: read off its canonical prefix when it has one, else from
    /// a parse of its head that ignores fields it does not know (the frame must still be
    /// RFC 8259 JSON). Nil when no id can be read: then nobody can be answered.
    private static func address(of frame: ByteBuffer) -> (UInt64, Result<String, WireError>)? {
        if let (id, method) = WireEnvelopePrefix.request(frame) {
            return (id, .success(method))
        }
        guard let head = try? WireJSON.decode(WireRequestHead.self, from: frame) else { return nil }
        if let version = head.version, version != wireProtocolVersion {
            let error = WireError.badRequest("unsupported protocol version \(version)", details: ["supported": .int(Int64(wireProtocolVersion))])
            return (head.id, .failure(error))
        }
        guard let method = head.method, !method.isEmpty else {
            return (head.id, .failure(WireError.badRequest("request has no method", details: ["field": "method"])))
        }
        return (head.id, .success(method))
    }

    private func handle(_ frame: ByteBuffer, method: Result<String, WireError>, exchange: WireExchange) async {
        switch method {
        case .failure(let error):
            exchange.answer(.failure(error))
        case .success(let method):
            guard let handler = handlers.handlers[method] else {
                return exchange.answer(.failure(WireError.notFound("unknown method \(method)", details: ["method": .string(method)])))
            }
            await handler(frame, exchange)
        }
    }

    static func encodeError(_ error: WireError, id: UInt64, allocator: ByteBufferAllocator) -> ByteBuffer {
        // Encoding a WireError cannot fail: it holds only strings, numbers and JSON values.
        (try? WireJSON.encode(WireErrorEnvelope(id: id, error: error), allocator: allocator))
            ?? allocator.buffer(string: #"{"v":1,"id":\#(id),"error":{"code":"internal","message":"internal error"}}"#)
    }
}
