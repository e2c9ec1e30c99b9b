/// What travels with every request through the mesh: who asked, which request this is,
/// and by when the answer is of any use.
public struct WireContext: Codable, Sendable, Equatable {
    /// The id that ties together the log lines of every process a request touches.
    public var correlationID: String
    /// The Telegram user on whose behalf the request runs, when there is one.
    public var telegramID: Int64?
    /// Absolute deadline in milliseconds since the Unix epoch; past it nobody waits.
    public var deadlineMs: Int64?

    public init(correlationID: String, telegramID: Int64? = nil, deadlineMs: Int64? = nil) {
        self.correlationID = correlationID
        self.telegramID = telegramID
        self.deadlineMs = deadlineMs
    }

    enum CodingKeys: String, CodingKey {
        case correlationID = "correlation_id"
        case telegramID = "telegram_id"
        case deadlineMs = "deadline_ms"
    }
}

extension WireContext {
    /// A context for work the process starts itself (health checks, start-up jobs).
    public static func background(_ label: String) -> WireContext {
        WireContext(correlationID: label)
    }

    /// This context with its deadline moved no later than `timeout` from now.
    public func tightened(by timeout: Duration, now: WireClock.Instant = WireClock.now) -> WireContext {
        var copy = self
        let candidate = now.adding(timeout).millisecondsSinceEpoch
        copy.deadlineMs = deadlineMs.map { min($0, candidate) } ?? candidate
        return copy
    }
}
