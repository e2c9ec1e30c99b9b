import ServiceSupport

/// Remembers the nonces of signed requests for as long as their timestamps are acceptable,
/// so each signed request is accepted once. Bounded: expired nonces are dropped as it grows.
actor NonceRegistry {
    private var expiries: [String: ContinuousClock.Instant] = [:]
    private let lifetime: Duration
    private let limit: Int

    init(lifetime: Duration = .seconds(2 * BotRequestSignature.allowedSkew), limit: Int = 200_000) {
        self.lifetime = lifetime
        self.limit = limit
    }

    /// True the first time `nonce` is seen within its lifetime, false for a replay.
    func claim(_ nonce: String, now: ContinuousClock.Instant = .now) -> Bool {
        if let expiry = expiries[nonce], expiry > now {
            return false
        }
        expiries[nonce] = now + lifetime
        if expiries.count > limit {
            expiries = expiries.filter { $0.value > now }
        }
        return true
    }
}
