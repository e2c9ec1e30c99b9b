/// How many requests one Telegram user (or one client address) may make.
public struct RateLimitPolicy: Sendable, Equatable {
    /// Sustained rate.
    public var perMinute: Int
    /// Requests allowed at once after a quiet spell.
    public var burst: Int
    /// Whether admins are limited too.
    public var limitsAdmins: Bool
    /// Keys remembered at most; idle keys are forgotten first, so memory stays bounded.
    public var maxTrackedKeys: Int

    public init(perMinute: Int = 30, burst: Int = 10, limitsAdmins: Bool = false, maxTrackedKeys: Int = 50_000) {
        self.perMinute = perMinute
        self.burst = burst
        self.limitsAdmins = limitsAdmins
        self.maxTrackedKeys = maxTrackedKeys
    }
}
