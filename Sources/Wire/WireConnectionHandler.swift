import Logging
import NIOCore

/// Answers the frames of one connection, on its event loop.
///
/// Each request starts at once on the thread that read it (`Task.immediate`): a handler that
/// never suspends reads its parameters, runs and writes its answer inside the read, with no
/// hand-over to another task or thread. One that suspends goes on as an ordinary task, and
/// the next frame is read meanwhile, so a slow request never holds up a fast one. At most
/// `maxInFlight` requests run per connection; frames read beyond that wait their turn, and
/// reading from the socket pauses until one finishes.
final class WireConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer

    private let handlers: WireHandlerTable
    private let logger: Logger
    private let stats: WireServerStats
    private let maxInFlight: Int
    private let finished: EventLoopPromise<Void>

    private var channel: (any Channel)?
    private var inFlight = 0
    /// False once a drain began or the channel went inactive: later frames are not served.
    private var accepting = true
    private var active = true
    /// A read the pipeline asked for while the connection was at its in-flight limit.
    private var readHeld = false
    /// Frames already read while `maxInFlight` requests were running, oldest first.
    private var waiting = CircularBuffer<ByteBuffer>()
    private var startingWaitingFrames = false
    private var isFinished = false

    init(handlers: WireHandlerTable, logger: Logger, stats: WireServerStats, maxInFlight: Int, finished: EventLoopPromise<Void>) {
        self.handlers = handlers
        self.logger = logger
        self.stats = stats
        self.maxInFlight = maxInFlight
        self.finished = finished
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard accepting else { return }
        let frame = unwrapInboundIn(data)
        if inFlight >= maxInFlight {
            waiting.append(frame)
        } else {
            start(frame, channel: context.channel)
        }
    }

    /// Answers the frame at once when it is malformed or names no method, else runs its handler.
    private func start(_ frame: ByteBuffer, channel: any Channel) {
        guard let (id, method) = Self.address(of: frame) else {
            // Without an id there is nobody to answer: the peer is not speaking Wire.
            logger.warning("unreadable wire frame, closing connection", metadata: ["bytes": "\(frame.readableBytes)"])
            accepting = false
            waiting.removeAll()
            channel.close(promise: nil)
            return
        }
        let exchange = WireExchange(id: id, method: (try? method.get()) ?? "", channel: channel, logger: logger)
        let handler: WireHandlerTable.ErasedHandler
        switch method {
        case .failure(let error):
            return exchange.answer(.failure(error))
        case .success(let name):
            guard let found = handlers.handlers[name] else {
                return exchange.answer(.failure(WireError.notFound("unknown method \(name)", details: ["method": .string(name)])))
            }
            handler = found
        }
        inFlight += 1
        stats.requestStarted()
        let stats = self.stats
        let eventLoop = channel.eventLoop
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        Task.immediate {
            await handler(frame, exchange)
            stats.requestFinished()
            if eventLoop.inEventLoop {
                connection.value.requestFinished()
            } else {
                eventLoop.execute { connection.value.requestFinished() }
            }
        }
    }

    private func requestFinished() {
        inFlight -= 1
        startWaitingFrames()
        if readHeld, accepting, inFlight < maxInFlight, waiting.isEmpty {
            readHeld = false
            channel?.read()
        }
        finishIfDone()
    }

    /// Starts waiting frames while there is room. Frames already read are served even while
    /// draining: they reached this server. Not re-entered when a started request finishes at
    /// once (inside `start`), so a long queue of quick requests does not nest on the stack.
    private func startWaitingFrames() {
        guard !startingWaitingFrames else { return }
        startingWaitingFrames = true
        defer { startingWaitingFrames = false }
        while inFlight < maxInFlight, let channel, let frame = waiting.popFirst() {
            start(frame, channel: channel)
        }
    }

    /// Completes `finished` once nothing is left to do; a draining connection closes first.
    private func finishIfDone() {
        guard !accepting, inFlight == 0, waiting.isEmpty, !isFinished else { return }
        if active {
            channel?.close(promise: nil)
        } else {
            isFinished = true
            finished.succeed()
        }
    }

    func read(context: ChannelHandlerContext) {
        if accepting, inFlight < maxInFlight {
            context.read()
        } else {
            readHeld = true
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is WireServerConnection.Drain else {
            return context.fireUserInboundEventTriggered(event)
        }
        accepting = false
        finishIfDone()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Nobody is left to answer the frames still waiting.
        accepting = false
        active = false
        waiting.removeAll()
        finishIfDone()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A frame length out of bounds, or the socket failing: the byte stream can no longer
        // be trusted, so the connection ends; requests already running still finish.
        logger.debug("wire connection closed", metadata: ["error": "\(error)"])
        accepting = false
        context.close(promise: nil)
    }

    /// The request's id and method: read off its canonical prefix when it has one, else from
    /// a parse of its head that ignores fields it does not know (the frame must still be
    /// RFC 8259 JSON). Nil when no id can be read: then nobody can be answered.
    static func address(of frame: ByteBuffer) -> (UInt64, Result<String, WireError>)? {
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
}

@available(*, unavailable)
extension WireConnectionHandler: Sendable {}
