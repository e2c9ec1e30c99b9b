/// Webhook updates arrive one request each and are handled concurrently; this keeps those of
/// one chat in arrival order: each takes a ticket as it arrives and waits for its turn.
actor ChatTurns {
    private var issued: [Int64: Int] = [:]
    private var serving: [Int64: Int] = [:]
    private var waiting: [Int64: [Int: CheckedContinuation<Void, Never>]] = [:]

    /// The next place in `chat`'s queue; take it in arrival order.
    func ticket(for chat: Int64) -> Int {
        let ticket = issued[chat, default: 0]
        issued[chat] = ticket + 1
        return ticket
    }

    /// Returns when every earlier ticket of `chat` is done.
    func wait(_ ticket: Int, in chat: Int64) async {
        guard serving[chat, default: 0] != ticket else { return }
        await withCheckedContinuation { continuation in
            waiting[chat, default: [:]][ticket] = continuation
        }
    }

    /// The current ticket of `chat` is done: the next one may go. Forgets idle chats.
    func done(in chat: Int64) {
        let next = serving[chat, default: 0] + 1
        if next == issued[chat] {
            serving[chat] = nil
            issued[chat] = nil
            waiting[chat] = nil
            return
        }
        serving[chat] = next
        waiting[chat]?.removeValue(forKey: next)?.resume()
    }
}
