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
/// (`maximumSkippedBody`); a larger one closes the connection instead. A request that does not
/// parse is answered 400 in its turn, after the requests before it, and the connection closes.
/// On `ChannelShouldQuiesceEvent` (graceful shutdown) an idle connection closes at once and a
/// busy one after its answer.
///
/// Routes run on the event loop until they first suspend, so CPU-heavy work in a route belongs
/// after an `await` that leaves the loop, or in a task of its own. Routes are tasks of their own,
/// not children of the server's task: ``HTTPServer`` tracks them in ``HTTPRouteTasks``.
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
    private let routes: HTTPRouteTasks
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

    /// What was read of later requests while the current one is answered.
    private enum Queued {
        case part(HTTPServerRequestPart)
        /// Bytes that do not parse: a 400 in their turn, then the connection closes.
        case unparsable
    }

    private var queued = CircularBuffer<Queued>()
    /// What the queue holds, counted so that many small requests pause reading too.
    private var queuedBytes = 0
    private var replaying = false

    private var readHeld = false
    private var quiescing = false
    /// The current request's body broke off (it did not parse): no more requests after it.
    private var closeAfterAnswer = false
    /// Bytes did not parse: nothing after them is read, the 400 waits its turn.
    private var sawUnparsable = false
    private var closing = false
    private var context: ChannelHandlerContext?

    init(responder: HTTPResponding<Context>, routes: HTTPRouteTasks, logger: Logger) {
        self.responder = responder
        self.routes = routes
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
            queued.append(.part(part))
            queuedBytes += Self.cost(of: part)
        }
    }

    /// What a queued part counts for against `maxQueuedBytes`: a head its target and headers
    /// plus some overhead, so a stream of body-less requests pauses reading as well.
    private static func cost(of part: HTTPServerRequestPart) -> Int {
        switch part {
        case .head(let head): 256 + head.uri.utf8.count + head.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        case .body(let chunk): chunk.readableBytes
        case .end: 16
        }
    }

    /// Whether the next part read is the current request's: it has a head and its body has not ended.
    private var belongsToCurrentRequest: Bool { head != nil && !bodyEnded }

    func channelReadComplete(context: ChannelHandlerContext) {
        startRouteIfBodyIsLate()
        context.fireChannelReadComplete()
    }

    /// What has been read of the current request ends inside its body: its route starts, and
    /// the rest of the body streams to it as it comes.
    private func startRouteIfBodyIsLate() {
        if head != nil, !routeStarted, !bodyEnded, !closing {
            startRoute(streaming: true)
        }
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
        guard !closing, !sawUnparsable else { return }
        if bodyPaused || queuedBytes > Self.maxQueuedBytes {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func resumeReading() {
        guard readHeld, !bodyPaused, queuedBytes <= Self.maxQueuedBytes, !closing, !sawUnparsable, let context else { return }
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
        let routes = self.routes
        let routeID = routes.begin()
        let operation: @Sendable () async -> Void = {
            let response = await responder.respond(to: head, body: body, remoteAddress: remoteAddress)
            routes.finished(routeID)
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
        routes.track(routeID, task)
    }

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
        let keepAlive =
            head.isKeepAlive && !quiescing && !closeAfterAnswer && (bodyEnded || Self.declaredLength(head) <= Self.maximumSkippedBody)
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
            writeLastAndClose(parts.last!)
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
        while !closing, head == nil || belongsToCurrentRequest, let item = queued.popFirst() {
            guard case .part(let part) = item else {
                answerUnparsable()
                return
            }
            queuedBytes -= Self.cost(of: part)
            handle(part)
            if queued.isEmpty { startRouteIfBodyIsLate() }
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
        logger.debug("http connection closing", metadata: ["error": "\(error)"])
        // Nothing more can be read in order after either kind of error.
        bodySource?.finish(error)
        bodySource = nil
        if sawUnparsable, error is ByteToMessageDecoderError {
            return  // bytes read after the ones that did not parse, dropped by the decoder
        }
        guard error is HTTPParserError, !closing else {
            // The socket failed: nobody is left to answer.
            closing = true
            context.close(promise: nil)
            return
        }
        sawUnparsable = true
        if head == nil, queued.isEmpty {
            answerUnparsable()
        } else if head != nil, !bodyEnded {
            // The current request's own body broke off. A route that has its body reading
            // answers (its read fails), then the connection closes; one that never started
            // gets the 400 instead.
            if routeStarted {
                closeAfterAnswer = true
                bodyEnded = true
            } else {
                answerUnparsable()
            }
        } else {
            // Behind the requests read before it.
            queued.append(.unparsable)
        }
    }

    /// The 400 for bytes that do not parse, and the end of the connection.
    private func answerUnparsable() {
        guard let context, !closing else { return }
        let headers = HTTPHeaders([("connection", "close"), ("content-length", "0")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
        writeLastAndClose(.end(nil))
    }

    /// Writes an answer's last part and closes the connection once it is out.
    private func writeLastAndClose(_ part: HTTPServerResponsePart) {
        guard let context else { return }
        closing = true
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(part)).whenComplete { _ in channel.close(promise: nil) }
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

/// Sent to every connection when the server's task is cancelled: it closes at once, without
/// the answers of the routes still running (which are cancelled).
struct HTTPConnectionHandlerCancel: Sendable {}

@available(*, unavailable)
extension HTTPConnectionHandler: Sendable {}
