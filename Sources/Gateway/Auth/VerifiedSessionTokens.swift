import Synchronization

/// Session tokens whose signature has been checked, with the user and expiry they carry.
///
/// A client sends the same token with every request, and checking its HMAC was ~10 % of
/// the gateway's work on `/me`; a token seen before is now a dictionary lookup. Only
/// genuine tokens are kept, keyed by their exact text, and the expiry is still checked on
/// every use. Bounded: when full it starts over.
final class VerifiedSessionTokens: Sendable {
    private struct Entry {
        var telegramID: Int64
        var expiry: Int64
    }

    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The user of a token checked before, unless it has expired at `now` (unix seconds).
    func telegramID(for token: String, now: Double) -> Int64? {
        guard let entry = entries.withLock({ $0[token] }), Double(entry.expiry) > now else { return nil }
        return entry.telegramID
    }

    /// Remembers a token whose signature holds.
    func remember(_ token: String, telegramID: Int64, expiry: Int64) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(telegramID: telegramID, expiry: expiry)
        }
    }
}
