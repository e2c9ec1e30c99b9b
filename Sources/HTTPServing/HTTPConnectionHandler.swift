import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1

/// Answers the requests of one HTTP/1.1 connection, one at a time and in order, on the
/// connection's event loop.
///
/// A request's route starts on the thread that read it (`Task.immediate`), so middleware and
/// route code that does not suspend runs inside the read, and an answer is written from
/// wherever the route finishes. The body is handed over in one of two ways: a request whose
/// body ends within the read that brought its head (no body, or a small JSON one: nearly all)
/// gets it whole, in memory; any other starts as soon as that read is over and gets its body
/// streamed, with reading paused while the route has several chunks unread.
///
/// Requests that arrive while one is being answered (pipelining, or a client writing ahead)
/// wait their turn here, and the socket is read on; reading pauses only when
/// `maxQueuedBytes` of them wait. (NIO's pipelining handler instead stops reading for every
/// request until its answer is written: two `epoll_ctl` calls per request.)
///
/// After an answer, what the route left unread of its body is skipped when it is small
/// (`maximumSkippedBody`); a larger one closes the connection instead. On
/// `ChannelShouldQuiesceEvent` (graceful shutdown) an idle connection closes at once and a busy
/// one after its answer.
final class HTTPConnectionHandler<Context: RequestContext>: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = Never
    typealias OutboundOut = HTTPServerResponsePart

    /// A body that is complete within this many bytes when its head's read ends is handed
    /// over whole; a longer one streams.
    static var inlineBodyLimit: Int { 16 * 1024 }
    /// The most bytes of an unread body skipped to keep the connection.
    static var maximumSkippedBody: Int { 64 * 1024 }
    /// Bytes of later requests held while one is answered before reading pauses.
    static var maxQueuedBytes: Int { 256 * 1024 }

    private let responder: HTTPResponding<Context>
    private let logger: Logger

    /// The request being answered, from its head until its answer is written and its body read.
    private var head: HTTPRequestHead?
    private var bodyEnded = false
    /// The body so far, while it is gathered before the route starts.
    private var gathered: ByteBuffer?
    private var routeStarted = false
    /// Where a streamed body's chunks go; nil once it ended or nobody reads it.
    private var bodySource: StreamedRequestBody.Producer.Source?
    /// The route's reader has enough chunks for now.
    private var bodyPaused = false
    /// The answer is written; the rest of the body is dropped as it comes.
    private var skippingBody = false
    /// Counts requests, so a late call from an earlier one is recognised.
    private var requestNumber = 0
    private var runningTask: Task<Void, Never>?

    /// Parts of later requests, read while the current one is answered.
    private var queued = CircularBuffer<HTTPServerRequestPart>()
    private var queuedBytes = 0
    private var replaying = false

    private var readHeld = false
    private var quiescing = false
    private var closing = false
    private var context: ChannelHandlerContext?

    init(responder: HTTPResponding<Context>, logger: Logger) {
        self.responder = responder
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard !closing else { return }
        if belongsToCurrentRequest || (head == nil && queued.isEmpty) {
            handle(part)
        } else {
            queued.append(part)
            if case .body(let chunk) = part { queuedBytes += chunk.readableBytes }
        }
    }

    /// Whether the next part read is the current request's: it has a head and its body has not ended.
    private var belongsToCurrentRequest: Bool { head != nil && !bodyEnded }

    func channelReadComplete(context: ChannelHandlerContext) {
        // The read is over and the body is not complete: the route starts, the rest streams.
        if head != nil, !routeStarted, !bodyEnded, !closing {
            startRoute(streaming: true)
        }
        context.fireChannelReadComplete()
    }

    private func handle(_ part: HTTPServerRequestPart) {
        switch part {
        case .head(let next):
            head = next
            bodyEnded = false
            routeStarted = false
            skippingBody = false
            gathered = nil
            requestNumber += 1
        case .body(var chunk):
            if skippingBody { return }
            if routeStarted {
                guard let bodySource else { return }  // nobody reads it any more
                if case .stopProducing = bodySource.yield(chunk) { bodyPaused = true }
                return
            }
            if gathered == nil {
                gathered = chunk
            } else {
                gathered!.writeBuffer(&chunk)
            }
            if gathered!.readableBytes > Self.inlineBodyLimit { startRoute(streaming: true) }
        case .end:
            bodyEnded = true
            if skippingBody {
                skippingBody = false
                requestDone()
            } else if routeStarted {
                bodySource?.finish()
                bodySource = nil
                bodyPaused = false
            } else {
                startRoute(streaming: false)
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        guard !closing else { return }
        if bodyPaused || queuedBytes > Self.maxQueuedBytes {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func resumeReading() {
        guard readHeld, !bodyPaused, queuedBytes <= Self.maxQueuedBytes, !closing, let context else { return }
        readHeld = false
        context.read()
    }

    // MARK: The route

    private func startRoute(streaming: Bool) {
        guard let head, let context else { return }
        routeStarted = true
        let body: RequestBody
        if streaming {
            let (streamed, source) = StreamedRequestBody.make(demand: bodyDemand(for: requestNumber, eventLoop: context.eventLoop))
            if let gathered, gathered.readableBytes > 0, case .stopProducing = source.yield(gathered) { bodyPaused = true }
            if bodyEnded { source.finish() } else { bodySource = source }
            body = RequestBody(.stream(streamed))
        } else {
            body = RequestBody(buffer: gathered ?? ByteBuffer())
        }
        gathered = nil

        let number = requestNumber
        let responder = self.responder
        let remoteAddress = context.channel.remoteAddress
        let eventLoop = context.eventLoop
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        let operation: @Sendable () async -> Void = {
            let response = await responder.respond(to: head, body: body, remoteAddress: remoteAddress)
            if eventLoop.inEventLoop {
                connection.value.answer(response, request: number)
            } else {
                eventLoop.execute { connection.value.answer(response, request: number) }
            }
        }
        let task: Task<Void, Never>
        if #available(macOS 26, *) {
            task = Task.immediate(operation: operation)
        } else {
            task = Task(operation: operation)
        }
        // A route that finished inside `Task.immediate` has nothing left to cancel.
        if number == requestNumber, self.head != nil, !isAnswered(number) {
            runningTask = task
        }
    }

    /// The number of the last request whose answer was written.
    private var lastAnswered = 0

    private func isAnswered(_ number: Int) -> Bool { lastAnswered >= number }

    /// The producer's demand and termination, taken on the loop, for request `number` only.
    private func bodyDemand(for number: Int, eventLoop: any EventLoop) -> StreamedRequestBody.Demand {
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        return StreamedRequestBody.Demand(
            wanted: {
                eventLoop.execute {
                    let handler = connection.value
                    guard handler.requestNumber == number else { return }
                    handler.bodyPaused = false
                    handler.resumeReading()
                }
            },
            terminated: {
                eventLoop.execute {
                    let handler = connection.value
                    guard handler.requestNumber == number else { return }
                    // Nobody reads the body any more: what comes is dropped, reading goes on.
                    handler.bodySource = nil
                    handler.bodyPaused = false
                    handler.resumeReading()
                }
            })
    }

    // MARK: Writing

    private func answer(_ response: Response, request number: Int) {
        guard number == requestNumber, let head, let context, !closing else { return }
        lastAnswered = number
        runningTask = nil
        let keepAlive = head.isKeepAlive && !quiescing && (bodyEnded || Self.declaredLength(head) <= Self.maximumSkippedBody)
        let parts = Self.parts(of: response, for: head, keepAlive: keepAlive)
        for part in parts.dropLast() {
            context.write(wrapOutboundOut(part), promise: nil)
        }
        if let bodySource {
            // A body kept past its answer cannot read on: the connection has moved on.
            bodySource.finish(RequestBody.OutlivedRequest())
            self.bodySource = nil
            bodyPaused = false
        }
        guard keepAlive else {
            closing = true
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(parts.last!)).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.writeAndFlush(wrapOutboundOut(parts.last!), promise: nil)
        if bodyEnded {
            requestDone()
        } else {
            skippingBody = true
            resumeReading()
        }
    }

    /// The current request is over, answer and body: the next one, already read or to come.
    private func requestDone() {
        head = nil
        routeStarted = false
        bodyPaused = false
        if quiescing {
            closing = true
            context?.close(promise: nil)
            return
        }
        replayQueued()
        resumeReading()
    }

    /// Feeds the parts of later requests read meanwhile, until one of them is being answered.
    /// Not re-entered when a route answers inside its start.
    private func replayQueued() {
        guard !replaying else { return }
        replaying = true
        defer { replaying = false }
        while !closing, head == nil || belongsToCurrentRequest, let part = queued.popFirst() {
            if case .body(let chunk) = part { queuedBytes -= chunk.readableBytes }
            handle(part)
            if head != nil, !routeStarted, !bodyEnded, queued.isEmpty {
                // Only part of its body was read: the rest streams as it comes.
                startRoute(streaming: true)
            }
        }
    }

    // MARK: Connection events

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            quiescing = true
            if head == nil {
                closing = true
                context.close(promise: nil)
            }
        case is HTTPConnectionHandlerCancel:
            runningTask?.cancel()
            closing = true
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        bodySource?.finish(ChannelError.eof)
        bodySource = nil
        queued.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A request that does not parse (answered 400 by NIO's error handler) or a failing
        // socket: nothing more can be read in order, so the connection closes.
        logger.debug("http connection closing", metadata: ["error": "\(error)"])
        bodySource?.finish(error)
        bodySource = nil
        closing = true
        context.close(promise: nil)
    }

    // MARK: Answers as HTTP/1 parts

    /// The body's `Content-Length`; unbounded when chunked or missing on a body.
    static func declaredLength(_ head: HTTPRequestHead) -> Int {
        head.headers.first(name: "content-length").flatMap(Int.init) ?? (head.headers.contains(name: "transfer-encoding") ? .max : 0)
    }

    static func parts(of response: Response, for request: HTTPRequestHead, keepAlive: Bool) -> [HTTPServerResponsePart] {
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

/// Sent to every connection when the server's task is cancelled: the running route is
/// cancelled and the connection closes.
struct HTTPConnectionHandlerCancel: Sendable {}

@available(*, unavailable)
extension HTTPConnectionHandler: Sendable {}
