import NIOCore
import NIOExtras
import NIOPosix
import Synchronization

/// Calls one Wire service over its Unix socket.
///
/// Connections are opened lazily and kept in a small pool so parallel callers do not queue
/// behind each other; many calls share each connection, answered out of order by id. When
/// the peer is gone the client fails fast with `unavailable`, and after it comes back the
/// client reconnects by itself, waiting a capped, growing pause between failed attempts.
public actor WireClient {
    public struct Configuration: Sendable {
        /// The service's socket, e.g. `var/run/users.sock`.
        public var socketPath: String
        /// The service's name, for messages (`users-service is unavailable`).
        public var serviceName: String
        /// Connections kept open at most; calls are spread over them.
        public var poolSize: Int
        /// How long a call may take when its context carries no earlier deadline (`WIRE_TIMEOUT_MS`).
        public var callTimeout: Duration
        public var connectTimeout: Duration
        /// `WIRE_MAX_FRAME`: the largest response accepted, in bytes.
        public var maxFrameLength: Int
        /// The pause after the first failed connect; it doubles up to `maxReconnectDelay`.
        public var initialReconnectDelay: Duration
        public var maxReconnectDelay: Duration

        public init(
            socketPath: String,
            serviceName: String,
            poolSize: Int = 4,
            callTimeout: Duration = .seconds(5),
            connectTimeout: Duration = .seconds(1),
            maxFrameLength: Int = WireFraming.defaultMaxFrameLength,
            initialReconnectDelay: Duration = .milliseconds(20),
            maxReconnectDelay: Duration = .milliseconds(250)
        ) {
            self.socketPath = socketPath
            self.serviceName = serviceName
            self.poolSize = max(1, poolSize)
            self.callTimeout = callTimeout
            self.connectTimeout = connectTimeout
            self.maxFrameLength = maxFrameLength
            self.initialReconnectDelay = initialReconnectDelay
            self.maxReconnectDelay = maxReconnectDelay
        }
    }

    public nonisolated let configuration: Configuration
    private nonisolated let eventLoopGroup: any EventLoopGroup
    private nonisolated let requestIDs = Atomic<UInt64>(0)
    /// Open connections, read by every call without entering the actor.
    private nonisolated let pool = Mutex<[any Channel]>([])
    private nonisolated let rotation = Atomic<Int>(0)
    /// A connect under way, shared by the callers that wait for it.
    private var connecting: Task<any Channel, any Error>?
    private var reconnectDelay: Duration = .zero
    private var reconnectNotBefore: ContinuousClock.Instant?

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Calls `method` and returns its result, or throws the service's error, `unavailable`
    /// when the service cannot be reached, or `deadline_exceeded` when the answer is late.
    ///
    /// The call ends by the earlier of `ctx`'s deadline and `timeout` (default: the configured
    /// call timeout). An idempotent call that loses its connection is tried once more.
    public nonisolated func call<Method: WireMethod>(
        _ method: Method.Type,
        _ params: Method.Params,
        _ ctx: WireContext,
        timeout: Duration? = nil
    ) async throws(WireError) -> Method.Result {
        let ctx = ctx.tightened(by: timeout ?? configuration.callTimeout)
        do {
            return try await attempt(method, params, ctx)
        } catch let failure as ConnectionLost where Method.isIdempotent {
            _ = failure
            return try await attemptOrWireError(method, params, ctx)
        } catch {
            throw Self.wireError(from: error, serviceName: configuration.serviceName)
        }
    }

    /// Closes every connection. Calls made afterwards open new ones.
    public func close() async {
        connecting?.cancel()
        connecting = nil
        let open = pool.withLock { pool in
            defer { pool.removeAll() }
            return pool
        }
        for channel in open {
            try? await channel.close()
        }
    }

    private nonisolated func attemptOrWireError<Method: WireMethod>(
        _ method: Method.Type, _ params: Method.Params, _ ctx: WireContext
    ) async throws(WireError) -> Method.Result {
        do {
            return try await attempt(method, params, ctx)
        } catch {
            throw Self.wireError(from: error, serviceName: configuration.serviceName)
        }
    }

    private nonisolated func attempt<Method: WireMethod>(
        _ method: Method.Type, _ params: Method.Params, _ ctx: WireContext
    ) async throws -> Method.Result {
        guard let deadline = ctx.deadlineMs.map(WireClock.Instant.init(millisecondsSinceEpoch:)),
            deadline.remaining() > .zero
        else {
            throw WireError.deadlineExceeded("\(configuration.serviceName) did not answer in time")
        }
        let id = requestIDs.wrappingAdd(1, ordering: .relaxed).newValue
        let envelope = WireRequestEnvelope(id: id, method: Method.name, params: params, ctx: ctx)
        let payload: ByteBuffer
        do {
            payload = try envelope.frame(allocator: ByteBufferAllocator())
        } catch {
            throw WireError.badRequest("parameters of \(Method.name) cannot be encoded")
        }
        guard payload.readableBytes - 4 <= configuration.maxFrameLength else {
            throw WireError(.tooLarge, "request to \(Method.name) exceeds the frame limit")
        }

        let channel = try await pooledConnection()
        let response = channel.eventLoop.makePromise(of: WireInboundFrame.self)
        let outbound = WireOutboundFrame(requestID: id, payload: payload)
        let timeout = TimeAmount.milliseconds(deadline.remaining().wholeMilliseconds)
        let lateError = WireError.deadlineExceeded("\(configuration.serviceName) did not answer in time")
        // One trip to the event loop for the timer and the write together.
        channel.eventLoop.execute {
            let timer = channel.eventLoop.scheduleTask(in: timeout) { response.fail(lateError) }
            response.futureResult.whenComplete { _ in timer.cancel() }
            channel.writeAndFlush((outbound, response), promise: nil)
        }
        let frame: WireInboundFrame
        do {
            frame = try await response.futureResult.get()
        } catch let error as WireError {
            throw error
        } catch {
            throw ConnectionLost()
        }
        if let error = frame.error {
            throw error
        }
        do {
            return try WireResponseResult<Method.Result>.decode(from: frame.payload)
        } catch {
            throw WireError(.internal, "\(configuration.serviceName) answered \(Method.name) in an unexpected shape")
        }
    }

    /// A live connection: one on the caller's own event loop if there is one (no thread hop),
    /// else the next in turn. The pool grows to `poolSize` as calls come; connections whose
    /// peer left are dropped and replaced.
    private nonisolated func pooledConnection() async throws -> any Channel {
        let poolSize = configuration.poolSize
        let ticket = rotation.wrappingAdd(1, ordering: .relaxed).oldValue
        let pick: (any Channel)? = pool.withLock { pool in
            pool.removeAll { !$0.isActive }
            guard pool.count >= poolSize || (!pool.isEmpty && ticket % poolSize != 0) else { return nil }
            return pool.first { $0.eventLoop.inEventLoop } ?? pool[ticket % pool.count]
        }
        if let pick { return pick }
        return try await openConnection()
    }

    /// Opens a connection and adds it to the pool, or fails fast with `unavailable` while
    /// the reconnect pause after a failed attempt lasts.
    private func openConnection() async throws -> any Channel {
        if let connecting {
            return try await connecting.value
        }
        if let notBefore = reconnectNotBefore, ContinuousClock.now < notBefore {
            throw WireError.unavailable("\(configuration.serviceName) is unavailable")
        }
        let configuration = self.configuration
        let group = self.eventLoopGroup
        let task = Task { try await Self.connect(configuration: configuration, eventLoopGroup: group) }
        connecting = task
        defer { connecting = nil }
        do {
            let channel = try await task.value
            pool.withLock { $0.append(channel) }
            reconnectDelay = .zero
            reconnectNotBefore = nil
            return channel
        } catch {
            reconnectDelay = min(max(reconnectDelay * 2, configuration.initialReconnectDelay), configuration.maxReconnectDelay)
            reconnectNotBefore = .now + reconnectDelay
            throw WireError.unavailable("\(configuration.serviceName) is unavailable")
        }
    }

    private static func connect(configuration: Configuration, eventLoopGroup: any EventLoopGroup) async throws -> any Channel {
        let maxFrameLength = configuration.maxFrameLength
        return try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.milliseconds(configuration.connectTimeout.wholeMilliseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(WireFlushCoalescer())
                    try WireFraming.addHandlers(to: pipeline, maxFrameLength: maxFrameLength)
                    try pipeline.addHandler(WireClientCodec())
                    try pipeline.addHandler(NIORequestResponseWithIDHandler<WireOutboundFrame, WireInboundFrame>())
                }
            }
            .connect(unixDomainSocketPath: configuration.socketPath)
            .get()
    }

    /// The connection broke before the answer came; whether the peer acted is unknown.
    private struct ConnectionLost: Error {}

    private static func wireError(from error: any Error, serviceName: String) -> WireError {
        switch error {
        case let error as WireError: error
        case is ConnectionLost: WireError.unavailable("\(serviceName) closed the connection")
        default: WireError.unavailable("\(serviceName) is unavailable")
        }
    }
}
