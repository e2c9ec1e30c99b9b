/// Telegram's sending limits as a schedule: about one message a second per private chat,
/// 20 a minute per group, 30 a second overall, and a pause for a chat Telegram answered 429.
/// A value type with the clock passed in, so it is tested without waiting.
public struct FloodControl: Sendable {
    public struct Limits: Sendable {
        public var privateChatInterval: Duration
        public var groupPerMinute: Int
        public var globalPerSecond: Int

        public init(privateChatInterval: Duration = .seconds(1), groupPerMinute: Int = 20, globalPerSecond: Int = 30) {
            self.privateChatInterval = privateChatInterval
            self.groupPerMinute = groupPerMinute
            self.globalPerSecond = globalPerSecond
        }
    }

    public typealias Instant = ContinuousClock.Instant

    let limits: Limits
    /// Send times per chat within the last minute (private chats keep only the last).
    private var sentByChat: [Int64: [Instant]] = [:]
    /// Send times overall within the last second.
    private var sentOverall: [Instant] = []
    /// Chats Telegram told us to leave alone until an instant.
    private var pausedUntil: [Int64: Instant] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Group and channel ids are negative; users' private chats positive.
    static func isGroup(_ chatID: Int64) -> Bool { chatID < 0 }

    /// The earliest instant a message to `chatID` may go, at or after `now`.
    public func earliestSend(to chatID: Int64, now: Instant) -> Instant {
        var earliest = now
        if let pause = pausedUntil[chatID] { earliest = max(earliest, pause) }
        let history = sentByChat[chatID] ?? []
        if Self.isGroup(chatID) {
            let windowStart = now - .seconds(60)
            let recent = history.filter { $0 > windowStart }
            if recent.count >= limits.groupPerMinute {
                earliest = max(earliest, recent[recent.count - limits.groupPerMinute] + .seconds(60))
            }
        } else if let last = history.last {
            earliest = max(earliest, last + limits.privateChatInterval)
        }
        let overall = sentOverall.filter { $0 > now - .seconds(1) }
        if overall.count >= limits.globalPerSecond {
            earliest = max(earliest, overall[overall.count - limits.globalPerSecond] + .seconds(1))
        }
        return earliest
    }

    /// Notes a message sent to `chatID` at `now`, and forgets what no longer matters.
    public mutating func recordSend(to chatID: Int64, at now: Instant) {
        var history = sentByChat[chatID] ?? []
        history.append(now)
        history.removeAll { $0 <= now - .seconds(60) }
        if !Self.isGroup(chatID) { history = [now] }
        sentByChat[chatID] = history
        sentOverall.append(now)
        sentOverall.removeAll { $0 <= now - .seconds(1) }
        if sentByChat.count > 10_000 {
            sentByChat = sentByChat.filter { $0.value.contains { $0 > now - .seconds(60) } }
        }
        if let pause = pausedUntil[chatID], pause <= now { pausedUntil[chatID] = nil }
    }

    /// Telegram answered 429 for `chatID`: nothing goes there before `retryAfter` has passed.
    public mutating func pause(_ chatID: Int64, for retryAfter: Duration, now: Instant) {
        pausedUntil[chatID] = max(pausedUntil[chatID] ?? now, now + retryAfter)
    }
}
