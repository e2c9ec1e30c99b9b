import Logging
import NIOCore

/// Answers the frames of one connection, on its event loop.
///
/// Each request starts at once on the thread that read it (`Task.immediate`): a handler that
/// never suspends reads its parameters, runs and writes its answer inside the read, with no
/// hand-over to another task or thread. One that suspends goes on as an ordinary task, and
/// the next frame is read meanwhile, so a slow request never holds up a fast one. A large
/// frame (over `inlineFrameLimit`) starts as an ordinary task instead: decoding it is work the
/// event loop should not do inside a read. At most `maxInFlight` requests run per connection;
/// frames read beyond that wait their turn (in order, so past the limit a fast request can wait
/// behind slow ones), and reading from the socket pauses until one finishes.
///
/// When the connection's task is cancelled (``WireServerConnection/cancel()``), every running
/// request's task is cancelled too.
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
    /// The tasks of the requests still running, to cancel them with the connection.
    private var running: [UInt64: Task<Void, Never>] = [:]
    private var nextRequestNumber: UInt64 = 0
    /// The request that finished before its task was recorded (inside `Task.immediate`).
    private var finishedInline: UInt64 = 0

    /// Frames up to this size start inside the read; larger ones as an ordinary task.
    static let inlineFrameLimit = 64 * 1024

    init(handlers: WireHandlerTable, logger: Logger, stats: WireServerStats, maxInFlight: Int, finished: EventLoopPromise<Void>) {
        self.handlers = handlers
        self.logger = logger
        self.stats = stats
        self.maxInFlight = max(1, maxInFlight)
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
            // Requests before it still get their answers; nothing after it is read.
            logger.warning("unreadable wire frame, closing connection", metadata: ["bytes": "\(frame.readableBytes)"])
            stopReading()
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
        nextRequestNumber += 1
        let number = nextRequestNumber
        let stats = self.stats
        let eventLoop = channel.eventLoop
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        let operation: @Sendable () async -> Void = {
            await handler(frame, exchange)
            stats.requestFinished()
            if eventLoop.inEventLoop {
                connection.value.requestFinished(number)
            } else {
                eventLoop.execute { connection.value.requestFinished(number) }
            }
        }
        let task: Task<Void, Never>
        if frame.readableBytes <= Self.inlineFrameLimit, #available(macOS 26, *) {
            task = Task.immediate(operation: operation)
        } else {
            task = Task(operation: operation)
        }
        // A request that finished inside `Task.immediate` has nothing left to cancel.
        if finishedInline != number {
            running[number] = task
        }
    }

    private func requestFinished(_ number: UInt64) {
        if running.removeValue(forKey: number) == nil {
            finishedInline = number
        }
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
        switch event {
        case is WireServerConnection.Drain:
            stopReading()
        case is WireServerConnection.Cancel:
            for task in running.values { task.cancel() }
            stopReading()
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Takes no more frames; closes once the requests already read are answered.
    private func stopReading() {
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
        // be trusted, so nothing more is read; requests already running still get their
        // answers (if the socket still works), then the connection closes.
        logger.debug("wire connection closing", metadata: ["error": "\(error)"])
        stopReading()
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
