import Logging
import NIOCore
import Synchronization

/// One request on a server, from its arrival to its one answer.
///
/// The answer comes from the handler, or is `deadline_exceeded` when the request's deadline
/// comes first, whichever is first; the other is dropped. Answers are written straight to
/// the channel, in whatever order requests finish.
final class WireExchange: Sendable {
    let id: UInt64
    let method: String
    private let channel: any Channel
    private let logger: Logger
    private let state = Mutex<State>(.waiting)
    /// The request's context once read, for the debug line that closes every request.
    private let context = Mutex<WireContext?>(nil)
    private let started = ContinuousClock.now

    private enum State {
        case waiting
        case timed(Scheduled<Void>)
        case answered
    }

    init(id: UInt64, method: String, channel: any Channel, logger: Logger) {
        self.id = id
        self.method = method
        self.channel = channel
        self.logger = logger
    }

    var allocator: ByteBufferAllocator { channel.allocator }

    /// The handler's context for a request carrying `ctx`, with the deadline armed; nil when
    /// the request has already been answered (its ctx is malformed, or its deadline passed).
    func begin(ctx: WireContext?, ctxProblem: String?) -> WireCallContext? {
        if let ctxProblem {
            answer(.failure(WireError.badRequest(ctxProblem, details: ["field": "ctx"])))
            return nil
        }
        let ctx = ctx ?? WireContext(correlationID: "wire-\(id)")
        context.withLock { $0 = ctx }
        let call = WireCallContext(method: method, ctx: ctx, baseLogger: logger)
        if let deadlineMs = ctx.deadlineMs {
            let remaining = WireClock.Instant(millisecondsSinceEpoch: deadlineMs).remaining()
            guard remaining > .zero else {
                answer(.failure(WireError.deadlineExceeded("deadline passed before the request was handled")))
                return nil
            }
            expire(after: remaining, call: call)
        }
        return call
    }

    /// Answers `deadline_exceeded` after `remaining` unless the handler answered before.
    private func expire(after remaining: Duration, call: WireCallContext) {
        let timer = channel.eventLoop.scheduleTask(in: .milliseconds(remaining.wholeMilliseconds)) {
            // The logger is built only here: building it costs more than most requests.
            call.logger.warning("wire request past its deadline")
            self.answer(.failure(WireError.deadlineExceeded("request took longer than its deadline")))
        }
        state.withLock { state in
            if case .waiting = state { state = .timed(timer) } else { timer.cancel() }
        }
    }

    func answer(_ outcome: Result<ByteBuffer, WireError>) {
        let first: Bool = state.withLock { state in
            switch state {
            case .answered:
                return false
            case .timed(let timer):
                timer.cancel()
                state = .answered
                return true
            case .waiting:
                state = .answered
                return true
            }
        }
        guard first else { return }
        let bytes: ByteBuffer
        switch outcome {
        case .success(let response): bytes = response
        case .failure(let error): bytes = WireServer.encodeError(error, id: id, allocator: channel.allocator)
        }
        channel.writeAndFlush(bytes, promise: nil)
        if logger.logLevel <= .debug {
            logAnswer(outcome)
        }
    }

    private func logAnswer(_ outcome: Result<ByteBuffer, WireError>) {
        var logger = logger
        if let ctx = context.withLock({ $0 }) {
            logger = WireCallContext(method: method, ctx: ctx, baseLogger: logger).logger
        }
        let code: String
        switch outcome {
        case .success: code = "ok"
        case .failure(let error): code = error.code.rawValue
        }
        let elapsed = (ContinuousClock.now - started).components
        let micros = elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000
        logger.debug("wire request answered", metadata: ["method": "\(method)", "outcome": "\(code)", "duration_us": "\(micros)"])
    }
}
