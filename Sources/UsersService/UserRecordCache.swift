import Synchronization

/// The users read most recently, kept in memory so that the gateway's per-request
/// `users.get` / `users.authorize` does not hop to a SQLite reader thread and back.
///
/// It is exact, not a time-limited approximation: this process is the only writer of
/// `users.sqlite`, and every write goes through `UserDirectory.write`, which drops the
/// users it touched once the transaction has ended. A read that missed may store what it
/// read only if no write ended while it was reading (`generation`), so a value read
/// before a change cannot be stored after the change dropped it.
///
/// A `Mutex` rather than an actor: the lookup is a dictionary access on every request,
/// and an actor would add a task switch around it.
final class UserRecordCache: Sendable {
    /// What a read that missed must hand back to `store`.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
    }

    /// A lookup's answer.
    enum Lookup: Sendable {
        case hit(UserRecord)
        case miss(Ticket)
    }

    /// Which cached users a write may have changed.
    enum Scope: Sendable {
        case user(Int64)
        case everyone
    }

    private struct State {
        var records: [Int64: UserRecord] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Users kept at most; past it, an arbitrary one makes room (the hot ones come back on
    /// their next read).
    let capacity: Int

    init(capacity: Int = 50_000) {
        precondition(capacity > 0, "a cache needs room for at least one user")
        self.capacity = capacity
    }

    /// The cached user, or a ticket to `store` what the database says.
    func lookup(_ telegramID: Int64) -> Lookup {
        state.withLock { state in
            if let record = state.records[telegramID] { return .hit(record) }
            return .miss(Ticket(generation: state.generation))
        }
    }

    /// Keeps `record`, read from the database after `lookup` missed, unless a write ended
    /// since that lookup.
    func store(_ record: UserRecord, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            if state.records.count >= capacity, state.records[record.telegramID] == nil {
                state.records.remove(at: state.records.startIndex)
            }
            state.records[record.telegramID] = record
        }
    }

    /// Drops what a write that has just ended may have changed.
    func invalidate(_ scope: Scope) {
        state.withLock { state in
            state.generation &+= 1
            switch scope {
            case .user(let telegramID): state.records[telegramID] = nil
            case .everyone: state.records.removeAll()
            }
        }
    }

    /// Users cached right now.
    var count: Int { state.withLock { $0.records.count } }
}
