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
        /// Requests one connection may have in flight; past it the server stops reading that
        /// connection until one finishes, so a flooding peer cannot pile up unbounded work.
        public var maxInFlightPerConnection: Int = 1024

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
        let maxInFlight = configuration.maxInFlightPerConnection
        let (handlers, logger, stats) = (self.handlers, self.logger, self.stats)
        let serverChannel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            // A connection reads nothing until `serve` tracks it (`startReading`).
            .childChannelOption(.autoRead, value: false)
            .bind(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let finished = channel.eventLoop.makePromise(of: Void.self)
                    do {
                        let pipeline = channel.pipeline.syncOperations
                        try WireFraming.addHandlers(to: pipeline, maxFrameLength: maxFrameLength)
                        try pipeline.addHandler(WireConnectionHandler(handlers: handlers, logger: logger, stats: stats, maxInFlight: maxInFlight, finished: finished))
                    } catch {
                        finished.fail(error)
                        throw error
                    }
                    return WireServerConnection(channel: channel, finished: finished.futureResult)
                }
            }
        defer { unlink(path) }
        logger.info("wire server listening", metadata: ["socket": "\(path)", "methods": "\(handlers.methodNames.count)"])

        await withDiscardingTaskGroup { group in
            do {
                try await serverChannel.executeThenClose { connections in
                    for try await connection in connections.cancelOnGracefulShutdown() {
                        group.addTask { await Self.serve(connection) }
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

    /// Serves the connection until it is closed with nothing left in flight. On graceful
    /// shutdown it stops taking requests, finishes those in flight, then closes; when the
    /// server's task is cancelled it also cancels the requests in flight.
    private static func serve(_ connection: WireServerConnection) async {
        connection.startReading()
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await connection.finished.get()
            } onGracefulShutdown: {
                connection.drain()
            }
        } onCancel: {
            connection.cancel()
        }
    }

    /// The error answer to request `id`, as a frame ready to write.
    static func encodeError(_ error: WireError, id: UInt64, allocator: ByteBufferAllocator) -> ByteBuffer {
        // Encoding a WireError cannot fail: it holds only strings, numbers and JSON values.
        if let frame = try? WireJSON.encodeFrame(WireErrorEnvelope(id: id, error: error), allocator: allocator) {
            return frame
        }
        let json = #"{"v":1,"id":\#(id),"error":{"code":"internal","message":"internal error"}}"#
        var frame = allocator.buffer(capacity: 4 + json.utf8.count)
        frame.writeInteger(UInt32(json.utf8.count))
        frame.writeString(json)
        return frame
    }
}
